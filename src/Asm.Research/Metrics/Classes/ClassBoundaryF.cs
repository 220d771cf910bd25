using static TorchSharp.torch;

namespace Asm.Research.Metrics.Classes;

/// <summary>
/// Per-class boundary F-score of one image (DESIGN.md, "Semantic segmentation"), vectorised over
/// the classes: one-hot planes, boundaries by comparing each map with its shifted copies, and the
/// tolerance as a dilation by a Euclidean disk.
/// </summary>
public static class ClassBoundaryF
{
    /// <summary>
    /// Scores one image. The prediction is first set to void where the truth is void. A class-c
    /// boundary pixel is a class-c pixel with a 4-neighbour inside the image of another label (void
    /// included; the image border makes no boundary). Precision = share of predicted class-c
    /// boundary pixels within Euclidean distance τ of a true class-c boundary pixel, recall
    /// symmetric, F = 2PR/(P+R).
    /// </summary>
    /// <param name="predicted">H×W predicted labels 0…C−1 (leading dims of size 1 allowed).</param>
    /// <param name="truth">H×W true labels 0…C−1 or 255 (void).</param>
    /// <param name="classes">C, 2…254.</param>
    /// <param name="tolerancePixels">τ ≥ 0.</param>
    /// <returns>
    /// F per class: null for a class in neither the truth nor the masked prediction. When one
    /// boundary set is empty and the other is not, 0; when both are empty, 1 if the class occurs in
    /// both maps (it fills the image in both) and 0 if it occurs in one only (a whole-image miss,
    /// which would otherwise score a perfect 1).
    /// </returns>
    /// <exception cref="ArgumentException">Bad shapes or labels (see <see cref="ConfusionMatrix.Add(Tensor, Tensor)"/>), or a negative τ.</exception>
    public static double?[] Score(Tensor predicted, Tensor truth, int classes, int tolerancePixels = 2)
    {
        LabelMaps.CheckClasses(classes, nameof(classes));
        ArgumentOutOfRangeException.ThrowIfNegative(tolerancePixels);
        using var scope = NewDisposeScope();
        var (p, t) = LabelMaps.Prepare(predicted, truth, classes, image: true);
        return ScorePrepared(p, t, classes, tolerancePixels);
    }

    /// <summary>Scores validated H×W Int64 label maps (<see cref="LabelMaps.Prepare"/>).</summary>
    internal static double?[] ScorePrepared(Tensor predicted, Tensor truth, int classes, int tolerancePixels)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        long height = truth.shape[0], width = truth.shape[1];
        var maps = stack([predicted.masked_fill(truth.eq(LabelMaps.Void), LabelMaps.Void), truth]);   // 2×H×W

        var ids = arange(classes, dtype: ScalarType.Int64, device: maps.device).view(1, classes, 1, 1);
        var oneHot = maps.unsqueeze(1).eq(ids);                                     // 2×C×H×W
        var boundaries = oneHot.logical_and(Edges(maps).unsqueeze(1));              // 2×C×H×W
        var near = Morphology.Dilate(boundaries.view(2 * classes, 1, height, width), Morphology.Disk(tolerancePixels))
            .view(2, classes, height, width);
        Tensor predictedBoundary = boundaries[0], trueBoundary = boundaries[1];

        long[] dims = [1, 2];
        // One transfer for all counts: 6 rows of C.
        var counts = stack([
            oneHot[0].sum(dims), oneHot[1].sum(dims),
            predictedBoundary.sum(dims), predictedBoundary.logical_and(near[1]).sum(dims),
            trueBoundary.sum(dims), trueBoundary.logical_and(near[0]).sum(dims),
        ]).to_type(ScalarType.Int64).cpu().data<long>().ToArray();

        var f = new double?[classes];
        for (int c = 0; c < classes; c++)
        {
            bool inPrediction = counts[c] > 0, inTruth = counts[classes + c] > 0;
            if (!inPrediction && !inTruth) continue;
            f[c] = FScore(counts[2 * classes + c], counts[3 * classes + c], counts[4 * classes + c], counts[5 * classes + c],
                inPrediction && inTruth);
        }
        return f;
    }

    /// <summary>
    /// N×H×W label maps → N×H×W bool: pixels with a 4-neighbour inside the image of another label.
    /// Each adjacent pair that differs marks both of its pixels; pixels past the border have no pair.
    /// </summary>
    internal static Tensor Edges(Tensor maps)
    {
        using var scope = NewDisposeScope();
        var edges = zeros_like(maps, dtype: ScalarType.Bool);
        for (int dim = 1; dim <= 2; dim++)
        {
            long n = maps.shape[dim] - 1;
            if (n <= 0) continue;
            var differs = maps.narrow(dim, 1, n).ne(maps.narrow(dim, 0, n));
            edges.narrow(dim, 1, n).logical_or_(differs);
            edges.narrow(dim, 0, n).logical_or_(differs);
        }
        return edges.MoveToOuterDisposeScope();
    }

    private static double FScore(long predictedCount, long predictedHits, long trueCount, long trueHits, bool inBoth)
    {
        if (predictedCount == 0 && trueCount == 0) return inBoth ? 1.0 : 0.0;
        if (predictedCount == 0 || trueCount == 0) return 0.0;
        double precision = (double)predictedHits / predictedCount;
        double recall = (double)trueHits / trueCount;
        return precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
    }
}
