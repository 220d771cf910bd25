using Asm.Research.Configuration;
using Asm.Research.Models;
using Asm.Research.Platform;
using static TorchSharp.torch;

namespace Asm.Research.Tests.Models;

public class UNetTests
{
    public UNetTests() => TorchRuntime.EnsureLoaded();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Output_is_one_logit_per_pixel(bool bilinear)
    {
        using var net = new UNet(new UNetConfig { Width = 4, BilinearUp = bilinear });
        using var output = net.call(randn(2, 3, 32, 48));
        Assert.Equal(new long[] { 2, 1, 32, 48 }, output.shape);
    }

    [Fact]
    public void Sizes_not_divisible_by_two_to_the_depth_are_refused_with_advice()
    {
        using var net = new UNet(new UNetConfig { Width = 4, Depth = 4 });
        var e = Assert.Throws<ArgumentException>(() => net.call(randn(1, 3, 40, 32)));
        Assert.Contains("divisible by 2^4 = 16", e.Message);
        Assert.Contains("48×32", e.Message);
        Assert.Throws<ArgumentException>(() => net.call(randn(1, 1, 32, 32)));
    }

    [Fact]
    public void Depth_and_width_follow_the_config()
    {
        // Depth 2, w = 4: levels 4, 8 and a bottleneck of 16 channels.
        using var net = new UNet(new UNetConfig { Width = 4, Depth = 2 });
        using var output = net.call(randn(1, 3, 12, 8));
        Assert.Equal(new long[] { 1, 1, 12, 8 }, output.shape);
        // Widths of each block's second conv: down 0, 1, bottleneck, decode 0, 1.
        var widths = net.named_parameters().Where(p => p.name.EndsWith("conv2.weight")).Select(p => p.parameter.shape[0]);
        Assert.Equal(new long[] { 4, 8, 16, 4, 8 }, widths.ToArray());
    }

    [Fact]
    public void Convs_before_batch_norm_have_no_bias()
    {
        using var net = new UNet(new UNetConfig { Width = 4 });
        var biases = net.named_parameters().Where(p => p.name.EndsWith(".bias")).Select(p => p.name).ToList();
        Assert.DoesNotContain(biases, n => n.Contains("conv1") || n.Contains("conv2"));
        Assert.Contains("head.bias", biases);
    }
}
