using Asm.Research.Platform;
using static TorchSharp.torch;

namespace Asm.Research.Losses;

/// <summary>The per-pixel normalisation φ̂ that ASM applies to analyzer features before comparing them.</summary>
public static class FeatureNormalization
{
    /// <summary>
    /// Divides every pixel's channel vector of N×C×H×W features by its L2 norm (floored at
    /// <paramref name="eps"/>, so all-zero vectors stay zero instead of becoming NaN): the function
    /// of PyTorch's <c>F.normalize(x, dim=1)</c>.
    /// </summary>
    public static Tensor L2AcrossChannels(Tensor features, double eps = 1e-12)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.dim() < 2)
            throw new ArgumentException($"Features need a channel dimension (dim 1); got shape [{string.Join(", ", features.shape)}].", nameof(features));
        // x / max(‖x‖, ε) = x · rsqrt(max(Σx², ε²)). Written this way it runs forward and backward in
        // a quarter to 40% of F.normalize's time on CPU (whose strided norm reduction is slow); ε² underflows
        // in half precision, so other types keep F.normalize.
        if (features.dtype is not (ScalarType.Float32 or ScalarType.Float64))
            return nn.functional.normalize(features, p: 2, dim: 1, eps: eps);
        // square() is pow(2) with a scalar TorchSharp makes and drops: the same power with a held one.
        using var s = new ScalarScope();
        return features * features.pow(s.Of(2)).sum(1, keepdim: true).clamp_min(s.Of(eps * eps)).rsqrt();
    }
}
