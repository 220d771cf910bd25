using Asm.Research.Platform;
using static TorchSharp.torch;

namespace Asm.Research.Losses;

/// <summary>
/// The Lovász-softmax loss (Berman, Rannen Triki, Blaschko, CVPR 2018), a convex surrogate of the
/// multi-class Jaccard loss, as the authors' <c>lovasz_softmax(classes='present', per_image=True)</c>
/// in bermanmaxim/LovaszSoftmax.
/// </summary>
public static class LovaszSoftmax
{
    /// <summary>
    /// <see cref="OnProbabilities"/> of p = softmax(<paramref name="logits"/>) over the classes.
    /// </summary>
    /// <param name="logits">N×C×H×W, float32 or float64.</param>
    /// <param name="labels">N×H×W or N×1×H×W class indices 0…C−1, <see cref="OneHotLabels.Void"/> = void.</param>
    /// <exception cref="ArgumentException">Wrong shapes or dtypes, or a label outside 0…C−1 that is not void.</exception>
    public static Tensor WithLogits(Tensor logits, Tensor labels)
    {
        ClassLabelInputs.Checked(logits, labels, "Lovász-softmax");
        return OnProbabilities(nn.functional.softmax(logits, 1), labels);
    }

    /// <summary>
    /// Per image, over its non-void pixels, for each class c present in its labels:
    /// errors e_i = |1[y_i = c] − p_{c,i}| sorted descending, dotted with g, the gradient of the
    /// Lovász extension of the Jaccard loss at the ground truth of class c in that order
    /// (g₁ = J₁, g_k = J_k − J_{k−1}, J_k = 1 − (|y_c| − Σ_{i≤k} y_{c,i})/(|y_c| + Σ_{i≤k}(1 − y_{c,i})));
    /// the mean over the present classes, then over the images. An image with no non-void pixel
    /// has no present class: it is left out of the mean over images (the reference code would add
    /// an empty tensor there); if no image has one, the loss is 0 with zero gradient.
    /// </summary>
    /// <param name="probabilities">N×C×H×W class probabilities, float32 or float64 (not checked to sum to 1).</param>
    /// <param name="labels">N×H×W or N×1×H×W class indices 0…C−1, <see cref="OneHotLabels.Void"/> = void.</param>
    /// <exception cref="ArgumentException">Wrong shapes or dtypes, or a label outside 0…C−1 that is not void.</exception>
    public static Tensor OnProbabilities(Tensor probabilities, Tensor labels)
    {
        var y = ClassLabelInputs.Checked(probabilities, labels, "Lovász-softmax", nameof(probabilities));
        long images = probabilities.shape[0], classes = probabilities.shape[1];
        var p = probabilities.reshape(images, classes, -1);
        y = y.reshape(images, -1);
        using var s = new ScalarScope();
        Tensor? total = null;
        int counted = 0;
        for (long n = 0; n < images; n++)
        {
            // Dropping void pixels (not zeroing them) matters: they would enter the sort and the union.
            var keep = y[n].ne(s.Of(OneHotLabels.Void)).nonzero().squeeze(1);
            if (keep.numel() == 0) continue;
            var truth = y[n].index_select(0, keep);
            var present = truth.unique().Item1;
            // K×P: one row per present class.
            var foreground = truth.unsqueeze(0).eq(present.unsqueeze(1)).to_type(probabilities.dtype);
            var predicted = p[n].index_select(0, present).index_select(1, keep);
            var (sortedErrors, order) = (foreground - predicted).abs().sort(dim: 1, descending: true);
            var gradient = LovaszExtension.JaccardGradient(foreground.gather(1, order));
            var loss = (sortedErrors * gradient).sum(1).mean();
            total = total is null ? loss : s.Add(total, loss);
            counted++;
        }
        return total is null ? probabilities.sum().mul(s.Of(0)) : total.div(s.Of(counted));
    }
}
