using Asm.Research.Platform;
using static TorchSharp.torch;

namespace Asm.Research.Losses;

/// <summary>Multi-class cross-entropy on logits with void pixels ignored (PyTorch's <c>ignore_index</c> convention).</summary>
public static class CrossEntropyLoss
{
    /// <summary>
    /// Σ_i w_{y_i}·(−log softmax(z_i)_{y_i}) / Σ_i w_{y_i} over the non-void pixels i of the batch,
    /// with w ≡ 1 when <paramref name="classWeights"/> is null (then the plain mean over non-void pixels).
    /// When Σ_i w_{y_i} = 0 (only void pixels, or only classes of weight 0) the loss is 0 with
    /// zero gradient, where PyTorch's mean would be 0/0 = NaN.
    /// </summary>
    /// <param name="logits">N×C×H×W, float32 or float64.</param>
    /// <param name="labels">N×H×W or N×1×H×W class indices 0…C−1, <see cref="OneHotLabels.Void"/> = void.</param>
    /// <param name="classWeights">Optional [C] weights, finite and ≥ 0.</param>
    /// <exception cref="ArgumentException">Wrong shapes or dtypes, a label outside 0…C−1 that is not void, or bad weights.</exception>
    public static Tensor WithLogits(Tensor logits, Tensor labels, Tensor? classWeights = null)
    {
        const string Loss = "Cross-entropy";
        var y = ClassLabelInputs.Checked(logits, labels, Loss);
        using var s = new ScalarScope();
        var valid = y.ne(s.Of(OneHotLabels.Void));
        var index = y.masked_fill(valid.logical_not(), s.Of(0)).unsqueeze(1);
        var nll = -nn.functional.log_softmax(logits, 1).gather(1, index).squeeze(1);
        var w = valid.to_type(logits.dtype);
        if (classWeights is not null)
            w = w * ClassLabelInputs.CheckedClassWeights(classWeights, logits.shape[1], logits.dtype, logits.device, Loss).take(index.squeeze(1));
        // where, not a product: a void pixel's nll may be infinite (a −inf logit) and 0·inf is NaN.
        var numerator = where(w.gt(s.Of(0)), w * nll, zeros_like(nll)).sum();
        var denominator = w.sum();
        return numerator / where(denominator.gt(s.Of(0)), denominator, ones_like(denominator));
    }
}
