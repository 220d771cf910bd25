using System.Text.Json.Serialization;

namespace Asm.Research.Metrics.Classes;

/// <summary>Multi-class scores over a test set (<see cref="ClassScoreAccumulator.Summary"/>); per-class arrays follow <see cref="Classes"/>.</summary>
/// <param name="Classes">Class names, in label order.</param>
/// <param name="Iou">Per-class IoU from the pooled confusion matrix; null for a class absent from truth and prediction.</param>
/// <param name="Accuracy">Per-class accuracy (TP / truth pixels); null for a class without truth pixels.</param>
/// <param name="BoundaryF">Per-class boundary F averaged over the images where it is defined; null if it never is.</param>
/// <param name="Confusion">Pixel counts, rows truth, columns prediction (void truth skipped).</param>
/// <param name="Pairs">Contextual confusion of the requested class pairs.</param>
/// <param name="OffDiagonal">Share of counted pixels off the diagonal.</param>
public sealed record ClassScores(
    [property: JsonPropertyName("classes")] string[] Classes,
    [property: JsonPropertyName("iou")] double?[] Iou,
    [property: JsonPropertyName("accuracy")] double?[] Accuracy,
    [property: JsonPropertyName("boundary_f")] double?[] BoundaryF,
    [property: JsonPropertyName("confusion")] long[][] Confusion,
    [property: JsonPropertyName("pairs")] IReadOnlyList<ConfusionPairScore> Pairs,
    [property: JsonPropertyName("off_diagonal")] double OffDiagonal);
