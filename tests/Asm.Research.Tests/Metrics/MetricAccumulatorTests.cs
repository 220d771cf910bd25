using System.Text.Json;
using Asm.Research.Metrics;
using Asm.Research.Platform;
using static Asm.Research.Tests.Metrics.MaskMetricsTests;

namespace Asm.Research.Tests.Metrics;

public class MetricAccumulatorTests
{
    public MetricAccumulatorTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Per_image_and_pooled_iou_differ_when_object_sizes_differ()
    {
        var acc = new MetricAccumulator();
        // A large object found exactly (IoU 1) and a tiny one missed (IoU 0).
        acc.Add(Box(20, 20, 5, 5, 10, 10), Box(20, 20, 5, 5, 10, 10));
        acc.Add(Box(20, 20, 0, 0, 0, 0), Box(20, 20, 8, 8, 2, 2));
        var summary = acc.Summary();
        Assert.Equal(2, summary.N);
        Assert.Equal(0.5, summary.Iou!.Value, 12);
        Assert.Equal(100.0 / 104, summary.IouPooled!.Value, 12);
        Assert.Equal(2, acc.Images.Count);
        Assert.Equal((1.0 + 396.0 / 400) / 2, summary.PixelAcc, 12);
    }

    [Fact]
    public void Precomputed_scores_are_pooled_and_json_uses_snake_case_names()
    {
        var acc = new MetricAccumulator();
        acc.Add(new ImageScores(0.5, 0.7, 0.9, 0.4, 0.3, Intersection: 10, Union: 20, Correct: 90, Pixels: 100));
        acc.Add(new ImageScores(1.0, 0.9, 0.9, 0.8, 0.5, Intersection: 30, Union: 30, Correct: 90, Pixels: 100));
        var summary = acc.Summary();
        Assert.Equal(0.75, summary.Iou!.Value, 12);
        Assert.Equal(40.0 / 50, summary.IouPooled!.Value, 12);
        Assert.Equal(0.6, summary.BoundaryF, 12);

        string json = JsonSerializer.Serialize(summary);
        foreach (var name in new[] { "n", "iou", "iou_pooled", "miou", "pixel_acc", "boundary_f", "boundary_iou" })
            Assert.Contains($"\"{name}\":", json);
    }

    [Fact]
    public void An_empty_summary_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => new MetricAccumulator().Summary());
    }
}
