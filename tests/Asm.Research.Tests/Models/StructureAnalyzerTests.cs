using Asm.Research.Configuration;
using Asm.Research.Models;
using Asm.Research.Platform;
using static TorchSharp.torch;

namespace Asm.Research.Tests.Models;

public class StructureAnalyzerTests
{
    public StructureAnalyzerTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Features_and_reconstruction_have_the_designed_shapes_at_64px()
    {
        using var analyzer = new StructureAnalyzer(new AnalyzerConfig());
        var output = analyzer.call(rand(2, 1, 64, 64));
        // Encoder φ1…φ5: widths [32, 64, 128, 128, 128] at 32, 16, 8, 4, 2 px;
        // decoder φ6…φ9 rebuild levels 4…1: widths 128, 128, 64, 32 at the size of the level below them.
        long[][] expected =
        [
            [2, 32, 32, 32], [2, 64, 16, 16], [2, 128, 8, 8], [2, 128, 4, 4], [2, 128, 2, 2],
            [2, 128, 2, 2], [2, 128, 4, 4], [2, 64, 8, 8], [2, 32, 16, 16],
        ];
        Assert.Equal(StructureAnalyzer.FeatureCount, output.Features.Count);
        for (int i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], output.Features[i].shape);
        Assert.NotNull(output.Reconstruction);
        Assert.Equal(new long[] { 2, 1, 64, 64 }, output.Reconstruction!.shape);
    }

    [Fact]
    public void Run_stops_at_the_deepest_needed_feature_and_agrees_with_forward()
    {
        using var analyzer = new StructureAnalyzer(new AnalyzerConfig { Widths = [4, 8, 8, 8, 8] });
        var labels = rand(2, 1, 32, 32);
        var full = analyzer.call(labels);
        var partial = analyzer.Run(labels, 2, reconstruct: false);
        Assert.Equal(2, partial.Features.Count);
        Assert.Null(partial.Reconstruction);
        for (int i = 0; i < 2; i++)
            Assert.True(partial.Features[i].SameAs(full.Features[i]));

        var withRec = analyzer.Run(labels, 1, reconstruct: true);
        Assert.Single(withRec.Features);
        Assert.True(withRec.Reconstruction!.SameAs(full.Reconstruction!));
    }

    [Fact]
    public void Authors_padding_zero_still_reconstructs_at_input_size()
    {
        using var analyzer = new StructureAnalyzer(new AnalyzerConfig { Widths = [4, 4, 4, 4, 4], Padding = 0 });
        // Unpadded 3×3 stride-2 convs: 96 → 47 → 23 → 11 → 5 → 2 and 64 → 31 → 15 → 7 → 3 → 1.
        var output = analyzer.call(rand(1, 1, 96, 64));
        Assert.Equal(new long[] { 1, 4, 47, 31 }, output.Features[0].shape);
        Assert.Equal(new long[] { 1, 4, 2, 1 }, output.Features[4].shape);
        Assert.Equal(new long[] { 1, 1, 96, 64 }, output.Reconstruction!.shape);
        var e = Assert.Throws<ArgumentException>(() => analyzer.call(rand(1, 1, 32, 32)));
        Assert.Contains("at least 63 px", e.Message);
    }

    [Fact]
    public void Bad_configs_and_inputs_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new StructureAnalyzer(new AnalyzerConfig { Widths = [8, 8, 8] }));
        using var analyzer = new StructureAnalyzer(new AnalyzerConfig { Widths = [4, 4, 4, 4, 4] });
        Assert.Throws<ArgumentException>(() => analyzer.call(rand(1, 3, 32, 32)));
        Assert.Throws<ArgumentException>(() => analyzer.Run(rand(1, 1, 32, 32), 10, false));
    }

    [Fact]
    public void Analyzer_has_biases_and_no_batch_norm()
    {
        using var analyzer = new StructureAnalyzer(new AnalyzerConfig());
        var names = analyzer.named_parameters().Select(p => p.name).ToList();
        // 5 encoder + 4 decoder + 1 reconstruction conv, each with weight and bias.
        Assert.Equal(20, names.Count);
        Assert.Equal(10, names.Count(n => n.EndsWith(".bias")));
        Assert.Empty(analyzer.modules().OfType<TorchSharp.Modules.NormBase>());
        Assert.Empty(analyzer.modules().OfType<BatchNorm2dLayer>());
    }
}
