using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Data;

/// <summary>ImageNet normalisation of RGB images in [0,1] (the statistics pretrained encoders expect).</summary>
public static class ImageNormalization
{
    // Private copies do the work, so that a caller writing into the public arrays cannot
    // silently change every later batch.
    private static readonly float[] MeanValues = [0.485f, 0.456f, 0.406f];
    private static readonly float[] StdValues = [0.229f, 0.224f, 0.225f];

    /// <summary>ImageNet per-channel mean (R, G, B).</summary>
    public static readonly float[] Mean = (float[])MeanValues.Clone();

    /// <summary>ImageNet per-channel standard deviation (R, G, B).</summary>
    public static readonly float[] Std = (float[])StdValues.Clone();

    /// <summary>(x − mean) / std per channel. Accepts 3×H×W or N×3×H×W; returns a new tensor.</summary>
    public static Tensor Normalize(Tensor rgb01)
    {
        CheckChannels(rgb01);
        using var scope = NewDisposeScope();
        var (mean, std) = Statistics(rgb01);
        return rgb01.sub(mean).div_(std).MoveToOuterDisposeScope();
    }

    /// <summary>Inverse of <see cref="Normalize"/>: x·std + mean, back to [0,1] (not clamped). Returns a new tensor.</summary>
    public static Tensor Denormalize(Tensor normalised)
    {
        CheckChannels(normalised);
        using var scope = NewDisposeScope();
        var (mean, std) = Statistics(normalised);
        using var one = 1.ToScalar();
        return normalised.mul(std).add_(mean, one).MoveToOuterDisposeScope();
    }

    private static (Tensor Mean, Tensor Std) Statistics(Tensor like)
    {
        // Shape 3×1×1 broadcasts over both 3×H×W and N×3×H×W.
        var mean = tensor(MeanValues, [3, 1, 1], dtype: like.dtype, device: like.device);
        var std = tensor(StdValues, [3, 1, 1], dtype: like.dtype, device: like.device);
        return (mean, std);
    }

    private static void CheckChannels(Tensor t)
    {
        if (t.dim() is not (3 or 4) || t.shape[t.dim() - 3] != 3)
            throw new ArgumentException($"Expected 3×H×W or N×3×H×W RGB, got [{string.Join(", ", t.shape)}].");
    }
}
