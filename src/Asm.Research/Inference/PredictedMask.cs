namespace Asm.Research.Inference;

/// <summary>One image's prediction at the image's own resolution: a foreground mask (binary task) or class labels (multi-class).</summary>
/// <param name="Input">The image file.</param>
/// <param name="Width">The image's width in pixels (and the mask's).</param>
/// <param name="Height">The image's height in pixels (and the mask's).</param>
/// <param name="Mask">Width×Height values, row-major: 1 foreground and 0 background, or (multi-class) the class index.</param>
/// <param name="Image">The image as 3×Height×Width RGB in [0,1] (CHW), when it was kept for an overlay; else null.</param>
public sealed record PredictedMask(string Input, int Width, int Height, float[] Mask, float[]? Image)
{
    /// <summary>The mask as bytes (class indices, or 0/1).</summary>
    public byte[] Labels() => Array.ConvertAll(Mask, v => (byte)v);

    /// <summary>The share of pixels predicted foreground, in [0,1].</summary>
    public double ForegroundShare => Mask.Length == 0 ? 0 : Mask.Count(v => v > 0.5f) / (double)Mask.Length;
}
