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
/// A <see cref="NetworkGradientCheck"/> result: every parameter's error, in the network's parameter order
/// (input side first), and <see cref="KinkCrossings"/>.
/// </summary>
/// <param name="Errors">Each parameter's float32 gradient against float64.</param>
/// <param name="KinkCrossings">
/// Activations (outputs of the convolutions and batch norms, i.e. what the ReLUs read) whose sign differs
/// between the float32 and the float64 pass. One such value lies within float32 rounding of a ReLU's kink, so
/// its gradient goes through the kink's other side: measured here, one crossing among the U-Net's 65,536
/// last-decoder values put 2.5e-3 on every parameter upstream of it, with every kernel right (docs/ONEDNN.md).
/// Gradient errors of an input with crossings say nothing about the backend.
/// </param>
/// <param name="InputSeed">The seed of the random input batch.</param>
public sealed record NetworkGradientReport(IReadOnlyList<ParameterGradientError> Errors, long KinkCrossings, int InputSeed)
{
    /// <summary>The largest error (0 for a network without parameters).</summary>
    public double Worst => Errors.Count == 0 ? 0 : Errors.Max(e => e.Error);
}

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
    /// random batch of <paramref name="batch"/> images of <paramref name="size"/>² drawn from
    /// <paramref name="inputSeed"/>, loss = mean of the squared outputs, and the input's kink crossings.
    /// Torch must be loaded; torch's current thread count is used.
    /// </summary>
    public static NetworkGradientReport Run(CheckedNetwork network, ExperimentConfig config, int size, int batch = 4, int inputSeed = 7)
    {
        using var scope = NewDisposeScope();
        var singleSigns = new List<Tensor>();
        var referenceSigns = new List<Tensor>();
        var (single, singleLoss) = Build(network, config, size, batch, inputSeed, float32, singleSigns);
        var (reference, referenceLoss) = Build(network, config, size, batch, inputSeed, float64, referenceSigns);
        singleLoss.backward();
        referenceLoss.backward();
        long crossings = singleSigns.Zip(referenceSigns).Sum(p => p.First.ne(p.Second).sum().item<long>());
        var expected = reference.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!);
        var errors = single.named_parameters()
            .Select(p => new ParameterGradientError(p.name, RelativeError(p.parameter.grad!, expected[p.name])))
            .ToList();
        return new NetworkGradientReport(errors, crossings, inputSeed);
    }

    /// <summary>
    /// <see cref="Run"/> on the first of <paramref name="attempts"/> input seeds (from 7) without kink crossings,
    /// so that the errors measure the backend; the last attempt's report when every input has some.
    /// </summary>
    public static NetworkGradientReport RunWithoutKinkCrossings(CheckedNetwork network, ExperimentConfig config, int size, int batch = 4, int attempts = 6)
    {
        NetworkGradientReport? report = null;
        for (int seed = 7; seed < 7 + attempts; seed++)
        {
            report = Run(network, config, size, batch, seed);
            if (report.KinkCrossings == 0) break;
        }
        return report!;
    }

    private static double RelativeError(Tensor single, Tensor reference)
    {
        double error = single.to_type(float64).sub(reference).abs().sum().item<double>() / (reference.abs().sum().item<double>() + 1e-12);
        return double.IsFinite(error) ? error : double.PositiveInfinity;
    }

    // Both copies are initialised from the same seed, so they start with the same weights (float64's rounded to
    // float32), and read the same input (drawn in float32). signs collects each activation's sign, in call order.
    private static (nn.Module Module, Tensor Loss) Build(CheckedNetwork network, ExperimentConfig config, int size, int batch, int inputSeed,
        ScalarType type, List<Tensor> signs)
    {
        var generator = new Generator((ulong)inputSeed);
        switch (network)
        {
            case CheckedNetwork.UNet:
            {
                var unet = new UNet(config.Predictor);
                ModelInit.Initialize(unet, 1);
                unet.to(type);
                RecordSigns(unet, signs);
                var x = randn([batch, 3, size, size], generator: generator).to_type(type);
                return (unet, unet.forward(x).pow(2).mean());
            }
            case CheckedNetwork.Analyzer:
            {
                var analyzer = new StructureAnalyzer(config.Analyzer);
                ModelInit.Initialize(analyzer, 1);
                analyzer.to(type);
                RecordSigns(analyzer, signs);
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
                RecordSigns(discriminator, signs);
                var x = randn([batch, 3, size, size], generator: generator).to_type(type);
                var y = rand([batch, 1, size, size], generator: generator).to_type(type);
                return (discriminator, discriminator.forward(x, y).pow(2).mean());
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(network), network, "not a network the check can build");
        }
    }

    // Hooks go on before the forward pass.
    private static void RecordSigns(nn.Module module, List<Tensor> signs)
    {
        foreach (var (_, child) in module.named_modules())
        {
            // A copy of the sign: the module's output itself may be disposed by its Sequential.
            if (child is TorchSharp.Modules.Conv2d conv) conv.register_forward_hook((_, _, y) => { signs.Add(y.detach().gt(0)); return y; });
            else if (child is TorchSharp.Modules.ConvTranspose2d deconv) deconv.register_forward_hook((_, _, y) => { signs.Add(y.detach().gt(0)); return y; });
            else if (child is TorchSharp.Modules.BatchNorm2d norm) norm.register_forward_hook((_, _, y) => { signs.Add(y.detach().gt(0)); return y; });
        }
    }
}
