using Asm.Research.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Metrics.Classes;

/// <summary>
/// Pixel counts of a multi-class segmentation summed over a test set: rows are true classes,
/// columns predicted ones. Truth pixels labelled 255 (void) are skipped. The scores follow
/// DESIGN.md ("Semantic segmentation"); a score with nothing to average over (an empty matrix)
/// is NaN.
/// </summary>
public sealed class ConfusionMatrix
{
    // Row-major C×C: [truth · C + predicted].
    private readonly long[] _counts;

    /// <summary>An empty matrix for <paramref name="classes"/> classes (2…254).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 2 or more than 254 classes.</exception>
    public ConfusionMatrix(int classes)
    {
        LabelMaps.CheckClasses(classes, nameof(classes));
        Classes = classes;
        _counts = new long[classes * classes];
    }

    /// <summary>The number of classes C.</summary>
    public int Classes { get; }

    /// <summary>Pixels of class <paramref name="truth"/> predicted as <paramref name="predicted"/>.</summary>
    public long this[int truth, int predicted]
    {
        get
        {
            CheckClass(truth, nameof(truth));
            CheckClass(predicted, nameof(predicted));
            return _counts[truth * Classes + predicted];
        }
    }

    /// <summary>Counted pixels: every pixel whose truth is not void.</summary>
    public long Total => _counts.Sum();

    /// <summary>
    /// Counts a prediction against the truth: label maps of equal shape, H×W or N×H×W, of any
    /// integer or float type holding whole numbers. Truth pixels labelled 255 are skipped.
    /// </summary>
    /// <exception cref="ArgumentException">Shapes differ, the truth holds a label ≥ C other than
    /// 255, or the prediction a label outside 0…C−1 (the message names the label).</exception>
    public void Add(Tensor predicted, Tensor truth)
    {
        using var scope = NewDisposeScope();
        var (p, t) = LabelMaps.Prepare(predicted, truth, Classes, image: false);
        AddPrepared(p, t);
    }

    /// <summary>Adds another matrix's counts (e.g. from another shard of the test set).</summary>
    /// <exception cref="ArgumentException">The class counts differ.</exception>
    public void Add(ConfusionMatrix other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Classes != Classes)
            throw new ArgumentException($"Cannot add a matrix of {other.Classes} classes to one of {Classes}.", nameof(other));
        for (int i = 0; i < _counts.Length; i++) _counts[i] += other._counts[i];
    }

    /// <summary>Counts already validated Int64 label maps (<see cref="LabelMaps.Prepare"/>).</summary>
    internal void AddPrepared(Tensor predicted, Tensor truth)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        int cells = Classes * Classes;
        // Void pixels go to an extra bin past the C² cells, so no masked (data-dependent) selection is needed.
        using var s = new ScalarScope();
        var index = truth.mul(s.Of(Classes)).add_(predicted, s.One).masked_fill_(truth.eq(s.Of(LabelMaps.Void)), s.Of(cells)).flatten();
        var counts = index.bincount(null, cells + 1).cpu().data<long>().ToArray();
        for (int i = 0; i < cells; i++) _counts[i] += counts[i];
    }

    /// <summary>Per-class IoU = TP / (TP + FP + FN); null for a class absent from truth and prediction alike.</summary>
    public double?[] ClassIou()
    {
        var iou = new double?[Classes];
        for (int c = 0; c < Classes; c++)
        {
            long tp = this[c, c], union = RowSum(c) + ColumnSum(c) - tp;
            iou[c] = union == 0 ? null : (double)tp / union;
        }
        return iou;
    }

    /// <summary>Mean IoU over the classes whose IoU is defined.</summary>
    public double MeanIou() => Mean(ClassIou());

    /// <summary>Correct pixels / counted pixels.</summary>
    public double PixelAccuracy()
    {
        long correct = 0;
        for (int c = 0; c < Classes; c++) correct += this[c, c];
        return (double)correct / Total;
    }

    /// <summary>Per-class accuracy (recall) = TP / truth pixels of the class; null for a class without truth pixels.</summary>
    public double?[] ClassAccuracy()
    {
        var accuracy = new double?[Classes];
        for (int c = 0; c < Classes; c++)
        {
            long row = RowSum(c);
            accuracy[c] = row == 0 ? null : (double)this[c, c] / row;
        }
        return accuracy;
    }

    /// <summary>Mean class accuracy over the classes with truth pixels.</summary>
    public double MeanClassAccuracy() => Mean(ClassAccuracy());

    /// <summary>Σ_c f_c · IoU_c over the classes with a defined IoU, f_c = truth pixels of c / counted pixels.</summary>
    public double FrequencyWeightedIou()
    {
        long total = Total;
        if (total == 0) return double.NaN;
        var iou = ClassIou();
        double sum = 0;
        for (int c = 0; c < Classes; c++)
            if (iou[c] is double value) sum += (double)RowSum(c) / total * value;
        return sum;
    }

    /// <summary>
    /// Share of class <paramref name="a"/>'s truth pixels predicted as <paramref name="b"/>; null
    /// when a has no truth pixels (not 0, so that an absent class does not look well separated).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A class outside 0…C−1.</exception>
    public double? ConfusionShare(int a, int b)
    {
        long row = RowSum(a);
        return row == 0 ? null : (double)this[a, b] / row;
    }

    /// <summary>Off-diagonal pixels / counted pixels, i.e. 1 − pixel accuracy.</summary>
    public double OffDiagonalShare()
    {
        long total = Total, correct = 0;
        for (int c = 0; c < Classes; c++) correct += this[c, c];
        return (double)(total - correct) / total;
    }

    /// <summary>A copy of the counts: rows truth, columns prediction.</summary>
    public long[][] ToArray() =>
        Enumerable.Range(0, Classes).Select(t => _counts.AsSpan(t * Classes, Classes).ToArray()).ToArray();

    private long RowSum(int truth)
    {
        CheckClass(truth, nameof(truth));
        long sum = 0;
        for (int p = 0; p < Classes; p++) sum += _counts[truth * Classes + p];
        return sum;
    }

    private long ColumnSum(int predicted)
    {
        long sum = 0;
        for (int t = 0; t < Classes; t++) sum += _counts[t * Classes + predicted];
        return sum;
    }

    private void CheckClass(int c, string name)
    {
        if (c < 0 || c >= Classes)
            throw new ArgumentOutOfRangeException(name, c, $"Class {c} is outside 0…{Classes - 1} ({Classes} classes).");
    }

    // Mean of the defined values; NaN when none is.
    internal static double Mean(IEnumerable<double?> values)
    {
        double sum = 0;
        int n = 0;
        foreach (var v in values)
            if (v is double x) { sum += x; n++; }
        return n == 0 ? double.NaN : sum / n;
    }
}
