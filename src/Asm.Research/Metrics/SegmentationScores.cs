using System.Text.Json.Serialization;

namespace Asm.Research.Metrics;

/// <summary>Scores over a test set (see <see cref="MetricAccumulator.Summary"/> for how each is pooled).</summary>
/// <param name="N">Images scored.</param>
/// <param name="Iou">Foreground IoU averaged over images: the headline number.</param>
/// <param name="IouPooled">Foreground IoU over all pixels of all images: Σ intersections / Σ unions.</param>
/// <param name="MIou">Mean of background and foreground IoU, averaged over images.</param>
/// <param name="PixelAcc">Pixel accuracy, averaged over images.</param>
/// <param name="BoundaryF">Boundary F-score (2-pixel tolerance by default), averaged over images.</param>
/// <param name="BoundaryIou">Boundary IoU (d = 2% of the diagonal by default), averaged over images.</param>
public sealed record SegmentationScores(
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("iou")] double Iou,
    [property: JsonPropertyName("iou_pooled")] double IouPooled,
    [property: JsonPropertyName("miou")] double MIou,
    [property: JsonPropertyName("pixel_acc")] double PixelAcc,
    [property: JsonPropertyName("boundary_f")] double BoundaryF,
    [property: JsonPropertyName("boundary_iou")] double BoundaryIou)
{
    /// <summary>
    /// Every score of the record, in table order: the one list that summaries, tables, charts and
    /// notebooks derive their metric names from.
    /// </summary>
    public static IReadOnlyList<ScoreField> Fields { get; } =
    [
        new("iou", "IoU", s => s.Iou),
        new("iou_pooled", "IoU pooled", s => s.IouPooled),
        new("miou", "mIoU", s => s.MIou),
        new("pixel_acc", "pixel acc", s => s.PixelAcc),
        new("boundary_f", "boundary F", s => s.BoundaryF),
        new("boundary_iou", "boundary IoU", s => s.BoundaryIou),
    ];
}
