using Asm.Research.Platform;
using static TorchSharp.torch;

namespace Asm.Research.Losses;

/// <summary>The cGAN baseline's losses on patch-discriminator logits (DESIGN.md).</summary>
public static class GanLosses
{
    /// <summary>D's loss, unweighted: BCE(D(x, y), 1) + BCE(D(x, p), 0), each a mean over patches.</summary>
    public static Tensor Discriminator(Tensor realLogits, Tensor fakeLogits)
    {
        ArgumentNullException.ThrowIfNull(realLogits);
        ArgumentNullException.ThrowIfNull(fakeLogits);
        using var s = new ScalarScope();
        return s.Add(BceLoss.WithLogits(realLogits, ones_like(realLogits)), BceLoss.WithLogits(fakeLogits, zeros_like(fakeLogits)));
    }

    /// <summary>S's adversarial term: BCE(D(x, p), 1), the non-saturating generator loss.</summary>
    public static Tensor Generator(Tensor fakeLogits)
    {
        ArgumentNullException.ThrowIfNull(fakeLogits);
        return BceLoss.WithLogits(fakeLogits, ones_like(fakeLogits));
    }
}
