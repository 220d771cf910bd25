using Asm.Research.Configuration;
using Asm.Research.Models;
using Asm.Research.Performance;
using Asm.Research.Platform;
using TorchSharp;

namespace Asm.Research.Tests.Performance;

public sealed class TrainingBenchmarkTests
{
    public TrainingBenchmarkTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Conv_flops_of_a_known_layer_are_counted_exactly()
    {
        // One 3×3 conv, 3→4 channels, padding 1, on 2×3×8×8: 2 · 3 · 4 · 9 · 8 · 8 · 2 = 27,648 FLOPs.
        var conv = torch.nn.Conv2d(3, 4, 3, padding: 1);
        using var counter = new ConvolutionFlops([conv]);
        conv.call(torch.zeros(2, 3, 8, 8));
        Assert.Equal(27_648, counter.Count);
    }

    [Fact]
    public void Training_flops_count_only_the_gradients_autograd_will_compute()
    {
        const double forward = 27_648;
        var conv = torch.nn.Conv2d(3, 4, 3, padding: 1);
        using var counter = new ConvolutionFlops([conv]);
        var x = torch.zeros(2, 3, 8, 8);

        conv.call(x);                                  // weight gradient only
        Assert.Equal(2 * forward, counter.TrainingCount);
        conv.call(x.requires_grad_(true));             // input and weight gradients
        Assert.Equal(5 * forward, counter.TrainingCount);
        using (torch.no_grad()) conv.call(x);          // no graph: forward only
        Assert.Equal(6 * forward, counter.TrainingCount);
        foreach (var p in conv.parameters()) p.requires_grad = false;
        conv.call(x);                                  // frozen weights: input gradient only
        Assert.Equal(8 * forward, counter.TrainingCount);
        Assert.Equal(4 * forward, counter.Count);
    }

    [Fact]
    public void Unet_flops_scale_with_the_square_of_the_width()
    {
        double Flops(int width)
        {
            var unet = new UNet(new UNetConfig { Width = width });
            using var counter = new ConvolutionFlops([unet]);
            unet.forward(torch.zeros(1, 3, 32, 32));
            return counter.Count;
        }
        double ratio = Flops(8) / Flops(4);
        Assert.InRange(ratio, 3.5, 4.0); // the first conv (3 input channels) and the head scale linearly
    }

    [Fact]
    public void A_tiny_benchmark_reports_positive_rates_and_flops()
    {
        var config = new ExperimentConfig
        {
            Predictor = new UNetConfig { Width = 4 },
            Analyzer = new AnalyzerConfig { Widths = [8, 8, 8, 8, 8] },
            Training = new TrainingConfig { Threads = 1 },
        };
        var result = TrainingBenchmark.Run(config, "asm", size: 32, batch: 2, warmupSteps: 1, timedSteps: 2);
        Assert.Equal(("asm", 32, 2), (result.Method, result.Size, result.Batch));
        Assert.True(result.TrainImagesPerSecond > 0 && result.EvalImagesPerSecond > 0 && result.DataImagesPerSecond > 0);
        Assert.InRange(result.DataWaitShare, 0, 1);
        Assert.True(result.GflopPerImage > 0 && result.PeakRssMb > 0);
        Assert.Equal(result.GflopPerImage * result.TrainImagesPerSecond, result.AchievedGflops, 9);
    }
}
