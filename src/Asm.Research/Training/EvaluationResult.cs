using System.Text.Json.Serialization;
using Asm.Research.Metrics;

namespace Asm.Research.Training;

/// <summary>Test scores at the model's resolution and at each ground-truth mask's own resolution.</summary>
public sealed record EvaluationResult(
    [property: JsonPropertyName("test")] SegmentationScores Model,
    [property: JsonPropertyName("test_original")] SegmentationScores Original,
    [property: JsonIgnore] IReadOnlyList<ImageScores> PerImage);
