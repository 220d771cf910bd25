using Asm.Research.Configuration;
using Asm.Research.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Platform;

/// <summary>The kit's networks that <see cref="NetworkGradientCheck"/> can build.</summary>
public enum CheckedNetwork
{
    /// <summary>The structured predictor S (<see cref="UNet"/>), from <see cref="ExperimentConfig.Predictor"/>.</summary>
    UNet,
    /// <summary>The structure analyzer A (<see cref="StructureAnalyzer"/>), features and reconstruction.</summary>
    Analyzer,
    /// <summary>cGAN's <see cref="PatchDiscriminator"/>.</summary>
    Discriminator,
}

/// <summary>One parameter's float32 gradient against float64: relative L1 error (infinity for NaN or infinite values).</summary>
public sealed record ParameterGradientError(string Parameter, double Error);

/// <summary>
/// Whole-network float32 gradients against a float64 copy of the same network (same weights, same input):
/// the check behind <c>NetworkGradientTests</c> and <c>bench/NetworkGradients</c>. Where
/// <see cref="ConvolutionGradientCheck"/> tests one convolution, this tests what the layers do together
/// (batch norm's reductions, concatenations, resizes), which is where this machine's oneDNN has been
/// seen to go wrong although every convolution passes alone (docs/ONEDNN.md).
/// </summary>
public static class NetworkGradientCheck
{
    /// <summary>
    /// Every parameter's error for <paramref name="network"/> built from <paramref name="config"/>, on a
    /// random batch of <paramref name="batch"/> images of <paramref name="size"/>² (seed 7), loss = mean of
    /// the squared outputs; worst first. Torch must be loaded; torch's current thread count is used.
    /// </summary>
    public static IReadOnlyList<ParameterGradientError> Errors(CheckedNetwork network, ExperimentConfig config, int size, int batch = 4)
    {
        using var scope = NewDisposeScope();
        var (single, singleLoss) = Build(network, config, size, batch, float32);
        var (reference, referenceLoss) = Build(network, config, size, batch, float64);
        singleLoss.backward();
        referenceLoss.backward();
        var expected = reference.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!);
        var errors = single.named_parameters()
            .Select(p => new ParameterGradientError(p.name, RelativeError(p.parameter.grad!, expected[p.name])))
            .OrderByDescending(e => e.Error).ToList();
        return errors;
    }

    private static double RelativeError(Tensor single, Tensor reference)
    {
        double error = single.to_type(float64).sub(reference).abs().sum().item<double>() / (reference.abs().sum().item<double>() + 1e-12);
        return double.IsFinite(error) ? error : double.PositiveInfinity;
    }

    // Both copies are initialised from the same seed, so they start with the same weights (float64's rounded to float32).
    private static (nn.Module Module, Tensor Loss) Build(CheckedNetwork network, ExperimentConfig config, int size, int batch, ScalarType type)
    {
        var generator = new Generator(7);
        switch (network)
        {
            case CheckedNetwork.UNet:
            {
                var unet = new UNet(config.Predictor);
                ModelInit.Initialize(unet, 1);
                unet.to(type);
                var x = randn([batch, 3, size, size], generator: generator).to_type(type);
                return (unet, unet.forward(x).pow(2).mean());
            }
            case CheckedNetwork.Analyzer:
            {
                var analyzer = new StructureAnalyzer(config.Analyzer);
                ModelInit.Initialize(analyzer, 1);
                analyzer.to(type);
                var y = rand([batch, 1, size, size], generator: generator).to_type(type).requires_grad_(true);
                var output = analyzer.forward(y);
                var loss = output.Reconstruction!.pow(2).mean();
                foreach (var feature in output.Features) loss = loss.add(feature.pow(2).mean());
                return (analyzer, loss);
            }
            case CheckedNetwork.Discriminator:
            {
                var discriminator = new PatchDiscriminator(config.Discriminator);
                ModelInit.Initialize(discriminator, 1);
                discriminator.to(type);
                var x = randn([batch, 3, size, size], generator: generator).to_type(type);
                var y = rand([batch, 1, size, size], generator: generator).to_type(type);
                return (discriminator, discriminator.forward(x, y).pow(2).mean());
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(network), network, "not a network the check can build");
        }
    }
}
