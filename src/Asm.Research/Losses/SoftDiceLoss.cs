using Asm.Research.Platform;
using static TorchSharp.torch;

namespace Asm.Research.Losses;

/// <summary>Soft Dice loss on foreground logits, per image (DESIGN.md, method <c>bce+dice</c>).</summary>
public static class SoftDiceLoss
{
    /// <summary>
    /// 1 − (2Σpy + s)/(Σp + Σy + s) with p = σ(<paramref name="logits"/>), the sums running over
    /// each image's pixels, averaged over the batch. <paramref name="smooth"/> s (DESIGN default 1)
    /// keeps an empty mask with an empty prediction at loss 0 instead of 0/0.
    /// <paramref name="target"/> (bool or float, N×1×H×W like the logits) may be soft.
    /// </summary>
    /// <exception cref="ArgumentException">Logits not N×1×H×W floating point, shapes differ, or smooth ≤ 0.</exception>
    public static Tensor WithLogits(Tensor logits, Tensor target, double smooth = 1.0)
    {
        var y = MaskLossInputs.CheckedTarget(logits, target, "Soft Dice", binary: false);
        if (!(smooth > 0)) throw new ArgumentException($"Soft Dice: smooth must be positive (got {smooth}).", nameof(smooth));
        using var s = new ScalarScope();
        var p = sigmoid(logits);
        long[] pixels = [1, 2, 3];
        var overlap = (p * y).sum(pixels);
        var total = s.Add(p.sum(pixels), y.sum(pixels));
        // 1 − (2·overlap + smooth) / (total + smooth)
        return s.Subtract(1, s.Add(overlap.mul(s.Of(2)), smooth) / s.Add(total, smooth)).mean();
    }
}
