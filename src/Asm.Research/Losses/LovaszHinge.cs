using Asm.Research.Platform;
using static TorchSharp.torch;

namespace Asm.Research.Losses;

/// <summary>
/// The binary Lovász hinge (Berman, Rannen Triki, Blaschko, CVPR 2018), a convex surrogate of the
/// Jaccard loss, per image, on logits (DESIGN.md, method <c>bce+lovasz</c>); as the authors'
/// <c>lovasz_hinge(per_image=True)</c> in bermanmaxim/LovaszSoftmax.
/// </summary>
public static class LovaszHinge
{
    /// <summary>
    /// Per image: errors e = 1 − z·(2y − 1), sorted descending; the loss is
    /// Σ relu(e_sorted)·g, with g the gradient of the Lovász extension of the Jaccard loss at the
    /// sorted ground truth (g₁ = J₁, g_k = J_k − J_{k−1}, J_k = 1 − (|y| − Σ_{i≤k} y_i)/(|y| + Σ_{i≤k}(1 − y_i))).
    /// The mean over the batch is returned. An all-background image is well defined
    /// (J_k = 1, so its loss is relu of its largest error), as in the reference code.
    /// </summary>
    /// <exception cref="ArgumentException">Logits not N×1×H×W floating point, shapes differ, or a target value other than 0 and 1.</exception>
    public static Tensor WithLogits(Tensor logits, Tensor target)
    {
        var y = MaskLossInputs.CheckedTarget(logits, target, "Lovász hinge", binary: true);
        long images = logits.shape[0];
        var z = logits.reshape(images, -1);
        y = y.reshape(images, -1);
        using var s = new ScalarScope();
        // 1 − z·(2y − 1)
        var errors = s.Subtract(1, z * y.mul(s.Of(2)).sub(s.Of(1)));
        var (sortedErrors, order) = errors.sort(dim: 1, descending: true);
        var sortedTruth = y.gather(1, order);
        var grad = LovaszExtension.JaccardGradient(sortedTruth);
        return (nn.functional.relu(sortedErrors) * grad).sum(1).mean();
    }
}
