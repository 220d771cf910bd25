using System.Text.Json.Serialization;
using Asm.Research.Data.Tasks;
using Asm.Research.Metrics.Classes;

namespace Asm.Research.Metrics;

/// <summary>
/// Scores over a test set. Binary tasks (see <see cref="MetricAccumulator.Summary"/>): foreground IoU per image and
/// pooled, mIoU of background and foreground, pixel accuracy, boundary F and boundary IoU, each averaged over images.
/// Multi-class tasks (DESIGN.md, "Semantic segmentation"): from the confusion matrix summed over the test pixels,
/// mIoU, pixel accuracy, mean class accuracy and frequency-weighted IoU; the mean over classes of the per-class
/// boundary F; and <see cref="Classes"/> (per class, the confusion matrix and the named confusion pairs).
/// Scores a task does not have are null and left out of the JSON, so binary records read as they always did.
/// </summary>
/// <param name="N">Images scored.</param>
/// <param name="Iou">Binary: foreground IoU averaged over images, the headline number.</param>
/// <param name="IouPooled">Binary: foreground IoU over all pixels of all images: Σ intersections / Σ unions.</param>
/// <param name="MIou">Binary: mean of background and foreground IoU, averaged over images. Multi-class: mean per-class IoU, the headline.</param>
/// <param name="PixelAcc">Pixel accuracy (binary: averaged over images; multi-class: over all non-void pixels).</param>
/// <param name="BoundaryF">Boundary F-score (2-pixel tolerance by default): binary, averaged over images; multi-class, the mean over classes.</param>
/// <param name="BoundaryIou">Binary: boundary IoU (d = 2% of the diagonal by default), averaged over images.</param>
public sealed record SegmentationScores(
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("iou"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Iou,
    [property: JsonPropertyName("iou_pooled"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? IouPooled,
    [property: JsonPropertyName("miou")] double MIou,
    [property: JsonPropertyName("pixel_acc")] double PixelAcc,
    [property: JsonPropertyName("boundary_f")] double BoundaryF,
    [property: JsonPropertyName("boundary_iou"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? BoundaryIou)
{
    /// <summary>Multi-class: mean over classes of each class's pixel accuracy (recall).</summary>
    [JsonPropertyName("mean_class_acc"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? MeanClassAcc { get; init; }

    /// <summary>Multi-class: frequency-weighted IoU, Σ_c f_c·IoU_c with f_c the class's share of the truth pixels.</summary>
    [JsonPropertyName("fw_iou"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? FwIou { get; init; }

    /// <summary>Multi-class: per-class scores, the confusion matrix and the named confusion pairs.</summary>
    [JsonPropertyName("classes"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ClassScores? Classes { get; init; }

    /// <summary>The headline number: foreground IoU for a binary task, mIoU for a multi-class one.</summary>
    [JsonIgnore] public double Headline => Iou ?? MIou;

    /// <summary>The headline's name: "IoU" or "mIoU".</summary>
    [JsonIgnore] public string HeadlineName => Iou is null ? "mIoU" : "IoU";

    /// <summary>The kind of task these scores are of.</summary>
    [JsonIgnore] public TaskKinds Kind => Iou is null ? TaskKinds.MultiClass : TaskKinds.Binary;

    /// <summary>
    /// Every score of the record, in table order: the one list that summaries, tables, charts and
    /// notebooks derive their metric names from (<see cref="FieldsFor"/> for one kind of task).
    /// </summary>
    public static IReadOnlyList<ScoreField> Fields { get; } =
    [
        new("iou", "IoU", s => s.Iou, TaskKinds.Binary),
        new("iou_pooled", "IoU pooled", s => s.IouPooled, TaskKinds.Binary),
        new("miou", "mIoU", s => s.MIou),
        new("pixel_acc", "pixel acc", s => s.PixelAcc),
        new("mean_class_acc", "class acc", s => s.MeanClassAcc, TaskKinds.MultiClass),
        new("fw_iou", "fw IoU", s => s.FwIou, TaskKinds.MultiClass),
        new("boundary_f", "boundary F", s => s.BoundaryF),
        new("boundary_iou", "boundary IoU", s => s.BoundaryIou, TaskKinds.Binary),
    ];

    /// <summary>The fields a kind of task's records have, in table order.</summary>
    public static IReadOnlyList<ScoreField> FieldsFor(TaskKinds kind) => Fields.Where(f => (f.Tasks & kind) != 0).ToList();
}
