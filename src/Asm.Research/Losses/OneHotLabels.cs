using Asm.Research.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Losses;

/// <summary>
/// Label maps (class indices 0…C−1, <see cref="Void"/> for unlabelled pixels) as the tensors the
/// structure analyzer and the multi-class losses read.
/// </summary>
public static class OneHotLabels
{
    /// <summary>The void label: ignored by every multi-class loss, no class of its own.</summary>
    public const int Void = 255;

    /// <summary>
    /// N×C×H×W one-hot of the class, t[n, c, h, w] = 1[y[n, h, w] = c]; an all-zero vector at
    /// void pixels. Carries no gradient.
    /// </summary>
    /// <param name="labels">N×H×W or N×1×H×W class indices (integer, or floating with whole values).</param>
    /// <param name="classes">C, 1…255.</param>
    /// <param name="dtype">The result's dtype.</param>
    /// <exception cref="ArgumentException">Wrong shape or dtype, C out of range, or a label outside 0…C−1 that is not void.</exception>
    public static Tensor Encode(Tensor labels, int classes, ScalarType dtype)
    {
        var y = ClassLabelInputs.CheckedLabels(labels, classes, "One-hot labels");
        using var _ = no_grad();
        using var s = new ScalarScope();
        var valid = y.ne(s.Of(Void));
        // one_hot needs an index in range everywhere; void pixels borrow class 0, then are zeroed.
        var hot = nn.functional.one_hot(y.masked_fill(valid.logical_not(), s.Of(0)), classes)
            .logical_and(valid.unsqueeze(-1));
        return hot.permute(0, 3, 1, 2).to_type(dtype).contiguous();
    }

    /// <summary>N×1×H×W, 1 where the label is not <see cref="Void"/>, 0 where it is. Labels are not range-checked.</summary>
    /// <param name="labels">N×H×W or N×1×H×W class indices.</param>
    /// <param name="dtype">The result's dtype (default float32).</param>
    /// <exception cref="ArgumentException">Wrong shape or a boolean label map.</exception>
    public static Tensor ValidMask(Tensor labels, ScalarType dtype = ScalarType.Float32)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var y = labels.dim() == 4 && labels.shape[1] == 1 ? labels.squeeze(1) : labels;
        if (y.dim() != 3)
            throw new ArgumentException(
                $"Valid mask: labels must be N×H×W or N×1×H×W (got [{string.Join(", ", labels.shape)}]).", nameof(labels));
        if (y.dtype == ScalarType.Bool)
            throw new ArgumentException("Valid mask: labels must hold class indices, not booleans.", nameof(labels));
        using var _ = no_grad();
        using var voidLabel = Void.ToScalar();
        return y.ne(voidLabel).unsqueeze(1).to_type(dtype);
    }
}
