using Asm.Research.Configuration;
using Asm.Research.Models;
using Asm.Research.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Tests.Platform;

/// <summary>
/// Float32 gradients of every network against a float64 copy: catches a native backend that
/// computes wrong gradients (this machine's oneDNN AVX2/AVX-512 conv backward did).
/// </summary>
public sealed class NetworkGradientTests
{
    public NetworkGradientTests() => TorchRuntime.EnsureLoaded();

    public static TheoryData<string, int> Cases() => new()
    {
        { "unet", 1 }, { "unet", 2 }, { "analyzer", 1 }, { "analyzer", 2 }, { "discriminator", 1 }, { "discriminator", 2 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float32_gradients_match_float64(string network, int threads)
    {
        int before = get_num_threads();
        set_num_threads(threads);
        try
        {
            var (single, singleLoss) = Build(network, float32);
            var (reference, referenceLoss) = Build(network, float64);
            singleLoss.backward();
            referenceLoss.backward();
            var expected = reference.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!);
            foreach (var (name, parameter) in single.named_parameters())
            {
                var want = expected[name];
                double error = parameter.grad!.to_type(float64).sub(want).abs().sum().item<double>() / (want.abs().sum().item<double>() + 1e-12);
                Assert.True(error < 1e-3, $"{network} with {threads} thread(s): gradient of {name} is off by {error:G3} relative to float64");
            }
        }
        finally
        {
            set_num_threads(before);
        }
    }

    private static (nn.Module Module, Tensor Loss) Build(string network, ScalarType type)
    {
        var generator = new Generator(7);
        switch (network)
        {
            case "unet":
            {
                var unet = new UNet(new UNetConfig { Width = 4 });
                ModelInit.Initialize(unet, 1);
                unet.to(type);
                var x = randn([4, 3, 32, 32], generator: generator).to_type(type);
                return (unet, unet.forward(x).pow(2).mean());
            }
            case "analyzer":
            {
                var analyzer = new StructureAnalyzer(new AnalyzerConfig { Widths = [8, 8, 8, 8, 8] });
                ModelInit.Initialize(analyzer, 1);
                analyzer.to(type);
                var y = rand([4, 1, 32, 32], generator: generator).to_type(type);
                var output = analyzer.forward(y);
                var loss = output.Reconstruction!.pow(2).mean();
                foreach (var feature in output.Features) loss = loss.add(feature.pow(2).mean());
                return (analyzer, loss);
            }
            default:
            {
                var discriminator = new PatchDiscriminator(new DiscriminatorConfig { WidthMultiplier = 1.0 / 16 });
                ModelInit.Initialize(discriminator, 1);
                discriminator.to(type);
                var x = randn([4, 3, 64, 64], generator: generator).to_type(type);
                var y = rand([4, 1, 64, 64], generator: generator).to_type(type);
                return (discriminator, discriminator.forward(x, y).pow(2).mean());
            }
        }
    }
}
