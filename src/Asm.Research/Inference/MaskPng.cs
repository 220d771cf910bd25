using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Asm.Research.Platform;

namespace Asm.Research.Inference;

/// <summary>A predicted mask as an 8-bit greyscale PNG: 0 background, 255 foreground (what segmentation tools read).</summary>
public static class MaskPng
{
    /// <summary>A class-index map as an 8-bit greyscale PNG whose values are the class indices (what segmentation tools read).</summary>
    public static void SaveLabels(PredictedMask labels, string path)
    {
        using var image = Image.LoadPixelData<L8>(labels.Labels(), labels.Width, labels.Height);
        AtomicFile.Write(path, stream => image.SaveAsPng(stream));
    }

    /// <summary>Writes <paramref name="mask"/> to <paramref name="path"/> (its folder must exist).</summary>
    public static void Save(PredictedMask mask, string path)
    {
        var grey = new byte[mask.Mask.Length];
        for (int i = 0; i < grey.Length; i++) grey[i] = mask.Mask[i] > 0.5f ? (byte)255 : (byte)0;
        using var image = Image.LoadPixelData<L8>(grey, mask.Width, mask.Height);
        AtomicFile.Write(path, stream => image.SaveAsPng(stream));
    }
}
