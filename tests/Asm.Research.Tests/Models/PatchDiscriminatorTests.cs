using Asm.Research.Configuration;
using Asm.Research.Models;
using Asm.Research.Platform;
using static TorchSharp.torch;

namespace Asm.Research.Tests.Models;

public class PatchDiscriminatorTests
{
    public PatchDiscriminatorTests() => TorchRuntime.EnsureLoaded();

    private static readonly DiscriminatorConfig Small = new() { WidthMultiplier = 1.0 / 16 };

    [Fact]
    public void Output_is_a_map_of_patch_logits()
    {
        using var d = new PatchDiscriminator(Small);
        // 64 px: four stride-2 convs → 4, then two stride-1 4×4 convs (padding 1) → 3 → 2.
        using var logits = d.call(randn(2, 3, 64, 64), rand(2, 1, 64, 64));
        Assert.Equal(new long[] { 2, 1, 2, 2 }, logits.shape);
        Assert.Equal(64, d.MinimumInputSize);
    }

    [Fact]
    public void Inputs_below_64px_are_refused_with_the_minimum()
    {
        using var d = new PatchDiscriminator(Small);
        var e = Assert.Throws<ArgumentException>(() => d.call(randn(1, 3, 48, 64), rand(1, 1, 48, 64)));
        Assert.Contains("at least 64×64", e.Message);
        Assert.Throws<ArgumentException>(() => d.call(randn(1, 3, 64, 64), rand(1, 1, 32, 32)));
    }

    [Fact]
    public void Widths_are_scaled_rounded_and_at_least_one_and_only_the_first_conv_skips_batch_norm()
    {
        using var d = new PatchDiscriminator(new DiscriminatorConfig { WidthMultiplier = 0.01 });
        var weights = d.named_parameters().Where(p => p.name.Contains("conv") && p.name.EndsWith(".weight")).Select(p => p.parameter.shape[0]);
        // 64·0.01 → 1 (floor of one), 128·0.01 → 1, 256·0.01 → 3, 512·0.01 → 5.
        Assert.Equal(new long[] { 1, 1, 3, 5, 5 }, weights.ToArray());
        Assert.Equal(4, d.modules().OfType<BatchNorm2dLayer>().Count());
        var biases = d.named_parameters().Where(p => p.name.EndsWith(".bias") && p.name.Contains("conv")).Select(p => p.name);
        Assert.Equal(new[] { "body.conv1.bias" }, biases.ToArray());
    }
}
