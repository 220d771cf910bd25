using Asm.Research.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Metrics.Classes;

/// <summary>
/// Checks and converts predicted and true label maps for the multi-class metrics: class indices
/// 0…C−1, and in the truth also <see cref="LabelMaps.Void"/>.
/// </summary>
internal static class LabelMaps
{
    /// <summary>The void label of the truth, ignored by every metric.</summary>
    public const int Void = 255;

    /// <summary>Throws unless 2 ≤ classes ≤ 254 (255 is void, and labels must fit a byte).</summary>
    public static void CheckClasses(int classes, string name)
    {
        if (classes < 2 || classes > 254)
            throw new ArgumentOutOfRangeException(name, classes, $"The number of classes must be 2…254 (255 is the void label); got {classes}.");
    }

    /// <summary>
    /// Validates a pair of label maps of equal shape and returns them as Int64 tensors on the
    /// prediction's device. With <paramref name="image"/> the maps must be one H×W image (leading
    /// dims of size 1 allowed) and come back H×W; otherwise H×W or N×H×W.
    /// </summary>
    /// <exception cref="ArgumentException">Shapes differ or are not allowed, a label is not a whole
    /// number, the truth holds a label ≥ C other than void, or the prediction one outside 0…C−1.</exception>
    public static (Tensor Predicted, Tensor Truth) Prepare(Tensor predicted, Tensor truth, int classes, bool image)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(truth);
        if (!predicted.shape.SequenceEqual(truth.shape))
            throw new ArgumentException(
                $"Predicted labels {Shape(predicted)} and truth {Shape(truth)} differ in shape; resize the logits to the truth's size before the argmax.",
                nameof(predicted));
        if (image ? predicted.dim() < 2 || predicted.shape.SkipLast(2).Any(s => s != 1) : predicted.dim() is < 2 or > 3)
            throw new ArgumentException(
                $"Label maps must be {(image ? "one H×W image (leading dims of size 1 allowed)" : "H×W or N×H×W")}; got {Shape(predicted)}.",
                nameof(predicted));

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var p = AsLabels(predicted, nameof(predicted));
        var t = AsLabels(truth, nameof(truth)).to(p.device);
        if (image)
        {
            p = p.reshape(p.shape[^2], p.shape[^1]);
            t = t.reshape(t.shape[^2], t.shape[^1]);
        }

        using var s = new ScalarScope();
        Scalar zero = s.Of(0), classCount = s.Of(classes);
        var badTruth = t.ne(s.Of(Void)).logical_and_(t.lt(zero).logical_or_(t.ge(classCount)));
        var badPredicted = p.lt(zero).logical_or_(p.ge(classCount));
        // One transfer for both checks; the offending value is looked up only on failure.
        var bad = stack([badTruth.any(), badPredicted.any()]).cpu().data<bool>().ToArray();
        if (bad[0])
            throw new ArgumentException(
                $"The truth holds label {t.masked_select(badTruth)[0].item<long>()}, which is neither a class (0…{classes - 1} for {classes} classes) nor {Void} (void).",
                nameof(truth));
        if (bad[1])
            throw new ArgumentException(
                $"The prediction holds label {p.masked_select(badPredicted)[0].item<long>()}, outside the classes 0…{classes - 1} ({classes} classes); predictions have no void.",
                nameof(predicted));
        return (p.MoveToOuterDisposeScope(), t.MoveToOuterDisposeScope());
    }

    // Float labels (e.g. from a data loader) are accepted when they are whole numbers.
    private static Tensor AsLabels(Tensor labels, string name)
    {
        if (labels.is_floating_point())
        {
            // x ≠ round(x) also catches NaN.
            var fractional = labels.ne(labels.round());
            if (fractional.any().item<bool>())
                throw new ArgumentException(
                    $"Labels must be whole numbers; {name} holds {labels.masked_select(fractional)[0].to_type(ScalarType.Float64).item<double>()}.", name);
        }
        // A fresh handle even when the dtype already fits, so that disposing our results never
        // disposes the caller's tensor.
        return labels.dtype == ScalarType.Int64 ? labels.alias() : labels.to_type(ScalarType.Int64);
    }

    private static string Shape(Tensor t) => $"[{string.Join(", ", t.shape)}]";
}
