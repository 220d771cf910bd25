using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Metrics;

/// <summary>
/// Per-image figure-ground scores (DESIGN.md), computed with tensor operations only.
/// </summary>
public static class MaskMetrics
{
    /// <summary>
    /// Scores a predicted mask against the truth. Both are H×W (leading singleton dims are
    /// allowed), bool or with values in {0, 1}, of equal size.
    /// <list type="bullet">
    /// <item>IoU = |P∩G| / |P∪G| of the foreground (1 when both are empty); mIoU averages it with
    /// the background's IoU; pixel accuracy = agreeing pixels / pixels.</item>
    /// <item>Boundary F: a mask's boundary is the mask minus its 3×3 erosion (its 1-pixel inner
    /// contour). Precision = share of predicted boundary pixels within Euclidean distance τ of a
    /// true boundary pixel (a dilation by a disk, not a square, so diagonal matches are not
    /// favoured); recall symmetric; F = 2PR/(P+R); both boundaries empty → 1, one empty → 0.
    /// τ is 2 px by default, or the DAVIS convention ⌈0.008 × diagonal⌉ (<see cref="MetricOptions"/>).</item>
    /// <item>Boundary IoU (Cheng et al. 2021): d = max(1, round(dilation × image diagonal));
    /// G_d = G minus its erosion (the pixels of G within distance d of its contour), P_d likewise;
    /// BIoU = |G_d∩P_d| / |G_d∪P_d|, 1 when both are empty. By default the erosion is d erosions by a
    /// 3×3 square with zero padding, as Cheng et al.'s released code computes it (chessboard
    /// distance); <see cref="BoundaryErosion.Disk"/> erodes once by a Euclidean disk of radius d.</item>
    /// </list>
    /// Pixels outside the image count as background, so a mask touching the border has a contour there.
    /// </summary>
    /// <exception cref="ArgumentException">Shapes differ or are not H×W, or a negative tolerance / dilation.</exception>
    public static ImageScores Score(Tensor predicted, Tensor truth, MetricOptions? options = null)
    {
        options ??= MetricOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegative(options.TolerancePixels);
        if (!(options.BoundaryIouDilation >= 0)) throw new ArgumentOutOfRangeException(nameof(options), "boundary IoU dilation must be 0 or more");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var p = AsMask(predicted, nameof(predicted));
        var g = AsMask(truth, nameof(truth)).to(p.device);
        if (!p.shape.SequenceEqual(g.shape))
            throw new ArgumentException(
                $"Predicted mask {p.shape[0]}×{p.shape[1]} and truth {g.shape[0]}×{g.shape[1]} differ in size; " +
                "resize the logits to the mask's size first (ResolutionMapping.ToMaskResolution).", nameof(predicted));
        long height = p.shape[0], width = p.shape[1];

        // Morphology works on N×1×H×W masks: prediction and truth go through it together (half the ops).
        var pb = p.view(1, 1, height, width);
        var gb = g.view(1, 1, height, width);
        var both = cat([pb, gb]).to_type(ScalarType.Float32);

        var contours = Morphology.InnerBand(both, Morphology.Square3);
        var nearContours = Morphology.Dilate(contours, Morphology.Disk(options.TolerancePixelsFor(height, width)));
        var predictedContour = contours[0];
        var trueContour = contours[1];
        var nearPredicted = nearContours[0];
        var nearTrue = nearContours[1];

        int d = options.BoundaryIouDistance(height, width);
        var bands = Morphology.InnerBand(both, options.BoundaryIouErosion == BoundaryErosion.Disk ? Morphology.Disk(d) : Morphology.Square(d));
        var predictedBand = bands[0];
        var trueBand = bands[1];

        // One transfer for all counts.
        long[] c = stack([
            (pb & gb).sum(), (pb | gb).sum(), (pb == gb).sum(),
            predictedContour.sum(), (predictedContour & nearTrue).sum(),
            trueContour.sum(), (trueContour & nearPredicted).sum(),
            (trueBand & predictedBand).sum(), (trueBand | predictedBand).sum(),
        ]).to_type(ScalarType.Int64).cpu().data<long>().ToArray();
        long intersection = c[0], union = c[1], correct = c[2], pixels = height * width;

        double iou = Ratio(intersection, union);
        // Background: its intersection is what neither mask covers, its union what not both cover.
        double backgroundIou = Ratio(pixels - union, pixels - intersection);
        double boundaryF = FScore(c[3], c[4], c[5], c[6]);
        double boundaryIou = Ratio(c[7], c[8]);
        return new ImageScores(iou, (iou + backgroundIou) / 2, (double)correct / pixels, boundaryF, boundaryIou,
            intersection, union, correct, pixels);
    }

    // An empty-over-empty ratio is a perfect match.
    private static double Ratio(long part, long whole) => whole == 0 ? 1.0 : (double)part / whole;

    private static double FScore(long predictedCount, long predictedHits, long trueCount, long trueHits)
    {
        if (predictedCount == 0 && trueCount == 0) return 1.0;
        if (predictedCount == 0 || trueCount == 0) return 0.0;
        double precision = (double)predictedHits / predictedCount;
        double recall = (double)trueHits / trueCount;
        return precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
    }

    private static Tensor AsMask(Tensor mask, string name)
    {
        ArgumentNullException.ThrowIfNull(mask, name);
        if (mask.dim() < 2 || mask.shape.SkipLast(2).Any(s => s != 1))
            throw new ArgumentException($"A mask must be H×W (leading dims of size 1 allowed); got shape [{string.Join(", ", mask.shape)}].", name);
        var plane = mask.reshape(mask.shape[^2], mask.shape[^1]);
        if (plane.dtype == ScalarType.Bool) return plane;
        using var half = 0.5.ToScalar();
        return plane.gt(half);
    }
}
