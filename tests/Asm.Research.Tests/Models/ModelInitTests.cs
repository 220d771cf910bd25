using Asm.Research.Configuration;
using Asm.Research.Models;
using Asm.Research.Platform;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Asm.Research.Tests.Models;

public class ModelInitTests
{
    public ModelInitTests() => TorchRuntime.EnsureLoaded();

    private static UNet Small() => new(new UNetConfig { Width = 4, Depth = 2 });

    [Fact]
    public void Same_seed_gives_the_same_weights_and_another_seed_does_not()
    {
        using UNet a = Small(), b = Small(), c = Small();
        ModelInit.Initialize(a, 7);
        random.manual_seed(12345);  // The global generator must not matter.
        ModelInit.Initialize(b, 7);
        ModelInit.Initialize(c, 8);
        var pa = a.parameters().ToList();
        var pb = b.parameters().ToList();
        var pc = c.parameters().ToList();
        Assert.All(pa.Zip(pb), pair => Assert.True(pair.First.SameAs(pair.Second)));
        Assert.False(pa.Zip(pc).All(pair => pair.First.SameAs(pair.Second)));
    }

    [Fact]
    public void Convs_get_pytorch_default_uniform_weights_and_biases_and_batch_norm_identity()
    {
        using var analyzer = new StructureAnalyzer(new AnalyzerConfig());
        ModelInit.Initialize(analyzer, 1);
        var convs = analyzer.modules().OfType<Conv2d>().ToList();
        // U(−b, b), b = 1/√fan_in, fan_in = in_channels · 3 · 3: std b/√3, every value within ±b
        // (the 1×1 reconstruction conv has too few draws to estimate a std).
        foreach (var conv in convs.Where(c => c.weight!.numel() > 10_000))
        {
            var w = conv.weight!;
            double bound = 1 / Math.Sqrt(w.shape[1] * 9);
            Assert.Equal(bound / Math.Sqrt(3), w.std().item<float>(), 2);
            Assert.True(w.abs().max().item<float>() <= bound + 1e-6);
            // Non-zero biases: the analyzer's normalised features must not be blind to the label map's scale.
            Assert.True(conv.bias!.abs().max().item<float>() > 0);
            Assert.True(conv.bias!.abs().max().item<float>() <= bound + 1e-6);
        }

        using var net = Small();
        var norms = net.modules().OfType<BatchNorm2dLayer>().ToList();
        Assert.NotEmpty(norms);
        foreach (var bn in norms)
        {
            // Disturb, then check Initialize restores.
            bn.get_parameter("weight")!.data<float>()[0] = 5;
            bn.get_parameter("bias")!.data<float>()[0] = 2;
            bn.get_buffer("running_var")!.data<float>()[0] = 3;
        }
        ModelInit.Initialize(net, 1);
        Assert.All(norms, bn =>
        {
            Assert.True(bn.get_parameter("weight")!.SameAs(ones_like(bn.get_parameter("weight")!)));
            Assert.True(bn.get_parameter("bias")!.SameAs(zeros_like(bn.get_parameter("bias")!)));
            Assert.True(bn.get_buffer("running_var")!.SameAs(ones_like(bn.get_buffer("running_var")!)));
        });
    }
}
