using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Metrics;

/// <summary>Brings a prediction made at the model's working size back to the ground truth's own size.</summary>
public static class ResolutionMapping
{
    /// <summary>
    /// Bilinearly resizes one image's logits (h×w, 1×h×w or 1×1×h×w) to <paramref name="height"/>×<paramref name="width"/>
    /// and returns H×W logits. Logits rather than thresholded masks are resized so that the
    /// boundary lands between pixels where the probability crosses 0.5; threshold afterwards
    /// with <see cref="Predict"/>.
    /// </summary>
    /// <exception cref="ArgumentException">More than one image or channel, or a non-positive size.</exception>
    public static Tensor ToMaskResolution(Tensor logits, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (logits.dim() is < 2 or > 4 || logits.shape.SkipLast(2).Any(s => s != 1))
            throw new ArgumentException($"Expected one image's logits h×w, 1×h×w or 1×1×h×w; got shape [{string.Join(", ", logits.shape)}].", nameof(logits));
        var plane = logits.reshape(1, 1, logits.shape[^2], logits.shape[^1]);
        if (!plane.is_floating_point()) plane = plane.to_type(ScalarType.Float32);
        return nn.functional.interpolate(plane, size: [height, width], mode: InterpolationMode.Bilinear, align_corners: false)
            .reshape(height, width);
    }

    /// <summary>The foreground mask of logits: σ(z) &gt; 0.5, that is z &gt; 0.</summary>
    public static Tensor Predict(Tensor logits)
    {
        using var zero = 0.ToScalar();
        return logits.gt(zero);
    }
}
