using Asm.Research.Configuration;
using Asm.Research.Models;
using Asm.Research.Platform;

namespace Asm.Research.Tests.Models;

public class ParameterGroupsTests
{
    public ParameterGroupsTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Unet_decays_conv_and_transposed_conv_weights_only()
    {
        // Depth 2: 2 down blocks + bottleneck + 2 decode blocks = 5 blocks × (2 convs, 2 BN);
        // 2 transposed convs (weight + bias); 1×1 head (weight + bias).
        using var net = new UNet(new UNetConfig { Width = 4, Depth = 2 });
        var (decayed, notDecayed) = ParameterGroups.ForWeightDecay(net);
        Assert.Equal(10 + 2 + 1, decayed.Count);
        Assert.Equal(5 * 2 * 2 + 2 + 1, notDecayed.Count);
        Assert.Equal(net.parameters().Count(), decayed.Count + notDecayed.Count);
        Assert.All(decayed, p => Assert.Equal(4, p.dim()));
        Assert.All(notDecayed, p => Assert.Equal(1, p.dim()));
    }

    [Fact]
    public void Analyzer_and_discriminator_split_weights_from_biases_and_batch_norm()
    {
        using var analyzer = new StructureAnalyzer(new AnalyzerConfig());
        var (aDecayed, aNot) = ParameterGroups.ForWeightDecay(analyzer);
        Assert.Equal((10, 10), (aDecayed.Count, aNot.Count));

        // D: 6 conv weights; biases on the first and last conv; 4 BN layers × (weight, bias).
        using var d = new PatchDiscriminator(new DiscriminatorConfig { WidthMultiplier = 0.125 });
        var (dDecayed, dNot) = ParameterGroups.ForWeightDecay(d);
        Assert.Equal((6, 2 + 8), (dDecayed.Count, dNot.Count));
    }
}
