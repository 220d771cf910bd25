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
    public void Eighty_masks_at_original_resolution_are_each_scored()
    {
        var acc = new MetricAccumulator();
        var truth = MaskMetricsTests.Box(300, 230, 60, 40, 150, 120);
        var logits = randn(1, 1, 128, 128);
        // One torch thread, as Evaluator scores masks: tiny ops on 2 OpenMP threads were ~10× slower with the other core busy.
        using (TorchThreads.Limit(1))
            for (int i = 0; i < 80; i++)
                acc.Add(ResolutionMapping.Predict(ResolutionMapping.ToMaskResolution(logits, 300, 230)), truth);
        // Speed is the benchmark's business (docs/PERFORMANCE.md), not a timed unit test's.
        Assert.Equal(80, acc.Summary().N);
        Assert.All(acc.Images, s => Assert.Equal(300 * 230, s.Pixels));
    }
}
