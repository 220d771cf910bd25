using System.Diagnostics;
using Asm.Research.Metrics;
using Asm.Research.Platform;
using static TorchSharp.torch;

namespace Asm.Research.Tests.Metrics;

public class ResolutionMappingTests
{
    public ResolutionMappingTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Logits_are_resized_to_the_mask_size_and_thresholded_at_zero()
    {
        var logits = linspace(-1, 1, 8).view(1, 8).expand(8, 8).contiguous();
        var resized = ResolutionMapping.ToMaskResolution(logits.view(1, 1, 8, 8), 30, 20);
        Assert.Equal(new long[] { 30, 20 }, resized.shape);
        Assert.Equal(new long[] { 30, 20 }, ResolutionMapping.ToMaskResolution(logits, 30, 20).shape);
        // A left-to-right ramp through 0 stays one: the right half of the columns is foreground.
        var mask = ResolutionMapping.Predict(resized);
        Assert.Equal(ScalarType.Bool, mask.dtype);
        Assert.Equal(30 * 10, mask.sum().item<long>());
        Assert.Throws<ArgumentException>(() => ResolutionMapping.ToMaskResolution(zeros(2, 1, 8, 8), 30, 20));
    }

    [Fact]
    public void Eighty_masks_at_original_resolution_score_quickly()
    {
        var acc = new MetricAccumulator();
        var truth = MaskMetricsTests.Box(300, 230, 60, 40, 150, 120);
        var logits = randn(1, 1, 128, 128);
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < 80; i++)
            acc.Add(ResolutionMapping.Predict(ResolutionMapping.ToMaskResolution(logits, 300, 230)), truth);
        watch.Stop();
        Assert.Equal(80, acc.Summary().N);
        // Generous bound for a shared 2-core machine; measured well under one second when idle.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"80 masks took {watch.Elapsed.TotalSeconds:F2} s");
    }
}
