using Asm.Research.Platform;
using static TorchSharp.torch;

namespace Asm.Research.Losses;

/// <summary>The input checks shared by the structure losses on N×1×H×W logits and masks.</summary>
internal static class MaskLossInputs
{
    /// <summary>
    /// Throws unless <paramref name="logits"/> is a floating N×1×H×W tensor and
    /// <paramref name="target"/> has its shape; returns the target in the logits' dtype.
    /// With <paramref name="binary"/>, the target must also hold only 0 and 1.
    /// </summary>
    /// <exception cref="ArgumentException">Wrong rank, channel count, dtype, shape or (binary) target values.</exception>
    public static Tensor CheckedTarget(Tensor logits, Tensor target, string loss, bool binary)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(target);
        if (logits.dim() != 4 || logits.shape[1] != 1)
            throw new ArgumentException(
                $"{loss}: logits must be N×1×H×W (got [{string.Join(", ", logits.shape)}]).", nameof(logits));
        if (!logits.is_floating_point())
            throw new ArgumentException($"{loss}: logits must be floating point (got {logits.dtype}).", nameof(logits));
        if (!logits.shape.SequenceEqual(target.shape))
            throw new ArgumentException(
                $"{loss}: logits [{string.Join(", ", logits.shape)}] and target [{string.Join(", ", target.shape)}] must have the same shape.", nameof(target));
        var y = target.to_type(logits.dtype);
        using var s = new ScalarScope();
        if (binary && y.ne(s.Of(0)).logical_and(y.ne(s.Of(1))).any().item<bool>())
            throw new ArgumentException($"{loss}: the target must be a binary mask (values 0 and 1 only).", nameof(target));
        return y;
    }
}
