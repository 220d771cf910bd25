using Asm.Research.Configuration;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Asm.Research.Data;

/// <summary>
/// Resizing to the working size for multi-class data (DESIGN.md, "Sizes"): images bilinearly (ImageSharp's
/// Triangle, as the Weizmann reader does), label maps by nearest neighbour only — every working-size label is
/// one of the original's labels, never an interpolated or thresholded value.
/// </summary>
public static class LabelMapResize
{
    /// <summary>
    /// The label map resized to <paramref name="size"/> by nearest neighbour, pixel centres aligned: working pixel
    /// (x, y) takes the source pixel whose cell holds its centre, column ⌊(x + ½)·W / w⌋ and row ⌊(y + ½)·H / h⌋
    /// (W×H the source, w×h the working size; PIL's NEAREST and PyTorch's "nearest-exact"). Exact integer arithmetic.
    /// </summary>
    public static float[] Nearest(LabelMask labels, ImageSize size)
    {
        ArgumentNullException.ThrowIfNull(labels);
        int w = size.Width, h = size.Height;
        var columns = new int[w];
        for (int x = 0; x < w; x++) columns[x] = SourceIndex(x, labels.Width, w);
        var result = new float[size.Pixels];
        for (int y = 0; y < h; y++)
        {
            int row = SourceIndex(y, labels.Height, h) * labels.Width;
            for (int x = 0; x < w; x++) result[y * w + x] = labels.Values[row + columns[x]];
        }
        return result;
    }

    /// <summary>The source index ⌊(i + ½)·source / target⌋ of target index <paramref name="i"/>.</summary>
    public static int SourceIndex(int i, int source, int target) =>
        (int)Math.Min(source - 1, ((2L * i + 1) * source) / (2L * target));

    /// <summary>The image resized bilinearly (Triangle; averaging when shrinking) to <paramref name="size"/>, as 3×H×W RGB in [0, 1].</summary>
    public static float[] Image(Image<Rgb24> image, ImageSize size)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Width != size.Width || image.Height != size.Height)
            image.Mutate(c => c.Resize(size.Width, size.Height, KnownResamplers.Triangle));
        return ImageFiles.ToChw(image);
    }
}
