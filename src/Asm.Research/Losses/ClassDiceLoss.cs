using Asm.Research.Platform;
using static TorchSharp.torch;

namespace Asm.Research.Losses;

/// <summary>Soft Dice loss over C classes on logits, per image and class, void pixels removed.</summary>
public static class ClassDiceLoss
{
    /// <summary>
    /// With p = softmax(<paramref name="logits"/>) over the classes and y the one-hot labels, sums
    /// over each image's non-void pixels: D_c = 1 − (2Σp_c·y_c + s)/(Σp_c + Σy_c + s). Averaged over
    /// the classes present in the image (in its labels, or in the argmax of p at a non-void pixel),
    /// then over the images. An image with no non-void pixel has no present class and is left out
    /// of the mean over images; with none left the loss is 0 with zero gradient.
    /// </summary>
    /// <param name="logits">N×C×H×W, float32 or float64.</param>
    /// <param name="labels">N×H×W or N×1×H×W class indices 0…C−1, <see cref="OneHotLabels.Void"/> = void.</param>
    /// <param name="smooth">s &gt; 0 (default 1).</param>
    /// <exception cref="ArgumentException">Wrong shapes or dtypes, a label outside 0…C−1 that is not void, or smooth ≤ 0.</exception>
    public static Tensor WithLogits(Tensor logits, Tensor labels, double smooth = 1.0)
    {
        const string Loss = "Class Dice";
        var y = ClassLabelInputs.Checked(logits, labels, Loss);
        if (!(smooth > 0)) throw new ArgumentException($"{Loss}: smooth must be positive (got {smooth}).", nameof(smooth));
        int classes = checked((int)logits.shape[1]);
        using var s = new ScalarScope();
        var truth = OneHotLabels.Encode(y, classes, logits.dtype);
        var valid = y.ne(s.Of(OneHotLabels.Void)).unsqueeze(1).to_type(logits.dtype);
        var p = nn.functional.softmax(logits, 1) * valid;
        long[] pixels = [2, 3];
        var overlap = (p * truth).sum(pixels);
        var truthSize = truth.sum(pixels);
        // 1 − (2·overlap + smooth) / (Σp + |truth| + smooth)
        var dice = s.Subtract(1, s.Add(overlap.mul(s.Of(2)), smooth) / s.Add(s.Add(p.sum(pixels), truthSize), smooth));
        // N×C, 1 for the classes present in the truth or the prediction (no gradient through argmax).
        Tensor present;
        using (no_grad())
        {
            var argmax = nn.functional.one_hot(logits.argmax(1), classes).permute(0, 3, 1, 2).to_type(logits.dtype) * valid;
            present = truthSize.gt(s.Of(0)).logical_or(argmax.sum(pixels).gt(s.Of(0))).to_type(logits.dtype);
        }
        var presentCount = present.sum(1);
        var perImage = (dice * present).sum(1) / presentCount.clamp_min(s.Of(1));
        var counted = presentCount.gt(s.Of(0)).to_type(logits.dtype);
        return (perImage * counted).sum() / counted.sum().clamp_min(s.Of(1));
    }
}
