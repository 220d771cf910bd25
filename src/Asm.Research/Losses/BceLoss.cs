using static TorchSharp.torch;

namespace Asm.Research.Losses;

/// <summary>Binary cross-entropy on logits, the IID baseline's loss and S's supervised term.</summary>
public static class BceLoss
{
    /// <summary>
    /// Mean over all elements of −[y·log σ(z) + (1−y)·log(1−σ(z))], computed stably from the
    /// logits z. <paramref name="target"/> may be bool or float and must have the logits' shape.
    /// </summary>
    /// <exception cref="ArgumentException">Shapes differ.</exception>
    public static Tensor WithLogits(Tensor logits, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(target);
        if (!logits.shape.SequenceEqual(target.shape))
            throw new ArgumentException(
                $"Logits [{string.Join(", ", logits.shape)}] and target [{string.Join(", ", target.shape)}] must have the same shape.", nameof(target));
        return nn.functional.binary_cross_entropy_with_logits(logits, target.to_type(logits.dtype));
    }
}
