using Asm.Research.Configuration;
using Asm.Research.Models;
using Asm.Research.Platform;
using Asm.Research.Training.Methods;
using Asm.Research.Tests.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Asm.Research.Tests.Platform;

/// <summary>The shapes computed from a config match what the real modules run (recorded by forward hooks).</summary>
public sealed class NetworkConvolutionsTests
{
    public NetworkConvolutionsTests() => TorchRuntime.EnsureLoaded();

    public static TheoryData<string> Configs() => new()
    {
        "bce default 64", "asm default 64", "asm quick 64", "asm smoke 32", "cgan smoke 64", "asm bilinear pad0 64", "cgan default 64",
        // Multi-class (5 classes) at rectangular sizes: C-channel heads, analyzer inputs and discriminator inputs.
        "asm+ce smoke classes 32x48", "ce smoke classes 48x32", "cgan smoke classes 64x96",
    };

    private static ExperimentConfig Config(string name)
    {
        var parts = name.Split(' ');
        var config = ExperimentConfig.ForMethod(parts[0]);
        config = parts[1] switch
        {
            "quick" => config.Quick(),
            "smoke" => config.Quick() with
            {
                Predictor = new UNetConfig { Width = 4 },
                Analyzer = new AnalyzerConfig { Widths = [8, 8, 8, 8, 8] },
                Discriminator = new DiscriminatorConfig { WidthMultiplier = 1.0 / 16 },
            },
            "bilinear" => config with { Predictor = new UNetConfig { Width = 2, BilinearUp = true, Depth = 3 }, Analyzer = new AnalyzerConfig { Widths = [3, 5, 7, 9, 11], Padding = 0 } },
            _ => config,
        };
        if (parts.Contains("classes")) config = config.WithTask(Tasks.FiveClasses);
        return config with { Data = config.Data with { Size = ImageSize.Parse(parts[^1], "size") }, Training = config.Training with { BatchSize = 2 } };
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public void Computed_shapes_are_the_ones_the_networks_run(string name)
    {
        var config = Config(name);
        var expected = NetworkConvolutions.Of(config).Select(Signature).ToHashSet();
        Assert.Equal(expected, Recorded(config));
    }

    [Fact]
    public void The_kit_defaults_cover_the_default_quick_and_smoke_networks()
    {
        var kit = NetworkConvolutions.KitDefaults().ToHashSet();
        foreach (var name in new[] { "asm default 64", "asm quick 64", "asm smoke 32", "cgan smoke 64" })
        {
            var config = Config(name);
            config = config with { Training = config.Training with { BatchSize = 8 } };
            Assert.Subset(kit, NetworkConvolutions.Of(config).ToHashSet());
        }
    }

    // What a hook can see: kind, batch, channels, input and output sides, kernel, bias (stride and padding show in the output side).
    private static string Signature(ConvolutionShape s) =>
        $"{(s.Transposed ? "deconv" : "conv")} b{s.Batch} {s.InChannels}->{s.OutChannels} {s.Height}x{s.Width} k{s.Kernel} -> {s.OutputHeight}x{s.OutputWidth}{(s.Bias ? " bias" : "")}";

    private static HashSet<string> Recorded(ExperimentConfig config)
    {
        using var scope = NewDisposeScope();
        var seen = new HashSet<string>();
        // The networks the method really trains (not the registry's list of them), so a method whose
        // NetworkKind list misses a network fails here.
        using var method = MethodRegistry.Create(config, CPU);
        var modules = method.Networks.Values.OrderBy(m => m is UNet ? 0 : 1).ToList();
        foreach (var module in modules)
            foreach (var (_, m) in module.named_modules())
            {
                if (m is Conv2d conv)
                    conv.register_forward_hook((_, x, y) => { seen.Add(Describe(false, x, y, conv.weight!, conv.bias is not null)); return y; });
                else if (m is ConvTranspose2d deconv)
                    deconv.register_forward_hook((_, x, y) => { seen.Add(Describe(true, x, y, deconv.weight!, deconv.bias is not null)); return y; });
            }
        int b = config.Training.BatchSize, height = config.Data.Size.Height, width = config.Data.Size.Width;
        using (no_grad())
        {
            var images = zeros(b, 3, height, width);
            var labels = zeros(b, config.Task.Channels, height, width);
            ((UNet)modules[0]).forward(images);
            foreach (var module in modules.Skip(1))
                if (module is StructureAnalyzer analyzer) analyzer.forward(labels);
                else if (module is PatchDiscriminator discriminator) discriminator.forward(images, labels);
        }
        return seen;
    }

    private static string Describe(bool transposed, Tensor x, Tensor y, Tensor w, bool bias)
    {
        long inChannels = x.shape[1], outChannels = y.shape[1];
        return $"{(transposed ? "deconv" : "conv")} b{x.shape[0]} {inChannels}->{outChannels} {x.shape[2]}x{x.shape[3]} k{w.shape[2]} -> {y.shape[2]}x{y.shape[3]}{(bias ? " bias" : "")}";
    }
}
