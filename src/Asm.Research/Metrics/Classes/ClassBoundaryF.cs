using Asm.Research.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Metrics.Classes;

/// <summary>
/// Per-class boundary F-score of one image (DESIGN.md, "Semantic segmentation"), vectorised over
/// the classes: boundaries by comparing each label map with its shifted copies, the tolerance by
/// comparing boundary labels under every offset of a Euclidean disk, and all counts from one bincount.
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
        using var s = new ScalarScope();
        int none = classes;   // "no class": void, or not a boundary pixel
        Scalar voidLabel = s.Of(LabelMaps.Void), noneLabel = s.Of(none);
        var maps = stack([predicted.masked_fill(truth.eq(voidLabel), voidLabel), truth]);   // 2×H×W
        var labels = maps.clamp_max(noneLabel);                                     // void (255) → none
        // Each pixel has one label, so the class-c boundary is the boundary pixels labelled c: one
        // label map of boundaries per side replaces C one-hot planes (C times less work).
        var boundaries = labels.masked_fill(Edges(maps).logical_not_(), noneLabel); // 2×H×W
        var hits = NearSameLabel(boundaries, none, tolerancePixels);

        // One bincount and one transfer for all counts: 6 groups of C + 1 bins (the last one, "none", unused):
        // occurrence in the prediction and the truth, their boundary pixels, and those hit by the other side.
        var groups = cat([labels, boundaries, boundaries.masked_fill(hits.logical_not_(), noneLabel)])
            .add_(arange(s.Of(0), s.Of(6), s.Of(1), dtype: ScalarType.Int64, device: maps.device).mul_(s.Of(classes + 1)).view(6, 1, 1), s.One);
        var counts = groups.flatten().bincount(null, 6 * (classes + 1)).cpu().data<long>().ToArray();
        long Count(int group, int c) => counts[group * (classes + 1) + c];

        var f = new double?[classes];
        for (int c = 0; c < classes; c++)
        {
            bool inPrediction = Count(0, c) > 0, inTruth = Count(1, c) > 0;
            if (!inPrediction && !inTruth) continue;
            f[c] = FScore(Count(2, c), Count(4, c), Count(3, c), Count(5, c), inPrediction && inTruth);
        }
        return f;
    }

    /// <summary>
    /// 2×H×W boundary label maps (prediction, truth; <paramref name="none"/> off the boundary) →
    /// 2×H×W bool: pixels with a pixel of the same label on the other side within Euclidean distance τ
    /// (the offsets of <see cref="Morphology.Disk"/>), which for boundary pixels means a boundary pixel
    /// of the same class. Outside the image there is nothing to hit.
    /// </summary>
    private static Tensor NearSameLabel(Tensor boundaries, int none, int tolerancePixels)
    {
        using var scope = NewDisposeScope();
        var disk = Morphology.Disk(tolerancePixels);
        int r = disk.Radius;
        long height = boundaries.shape[1], width = boundaries.shape[2];
        // Bytes suffice (labels ≤ none = C ≤ 254) and make the many comparisons 8× lighter than Int64.
        var own = boundaries.to_type(ScalarType.Byte);
        // Off-boundary pixels and the padding are "none" too: matches among them are harmless, as the
        // caller counts hits only under boundary labels.
        var padded = nn.functional.pad(own.flip(0), [r, r, r, r], value: none);
        var hits = zeros_like(own, dtype: ScalarType.Bool);
        for (int row = 0; row < disk.HalfWidths.Length; row++)
            for (int dx = -disk.HalfWidths[row]; dx <= disk.HalfWidths[row]; dx++)
                hits.logical_or_(padded.narrow(1, row, height).narrow(2, r + dx, width).eq(own));
        return hits.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// N×H×W label maps → N×H×W bool: pixels with a 4-neighbour inside the image of another label.
    /// Each adjacent pair that differs marks both of its pixels; pixels past the border have no pair.
    /// </summary>
    private static Tensor Edges(Tensor maps)
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
