using Asm.Research.Configuration;
using Asm.Research.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Platform;

/// <summary>One parameter's float32 gradient against float64: relative L1 error (infinity for NaN or infinite values).</summary>
public sealed record ParameterGradientError(string Parameter, double Error);

/// <summary>A <see cref="NetworkGradientCheck"/> result.</summary>
/// <param name="Errors">Each parameter's float32 gradient against float64, in the network's parameter order (input side first).</param>
/// <param name="KinkCrossings">
/// Activations (outputs of the convolutions and batch norms: what the ReLUs read) whose sign differed between
/// the float32 and the float64 pass: values within float32 rounding of a ReLU's kink, whose gradient float32
/// sends through the kink's other branch. With <c>alignKinks</c> the reference was moved to float32's branch
/// at each of them; without, their errors are in <see cref="Errors"/> (one crossing among the U-Net's 65,536
/// last-decoder values put 2–3e-3 on every parameter upstream of it, every kernel right: docs/ONEDNN.md).
/// </param>
/// <param name="Activations">How many activation values were compared: crossings are a tiny fraction of them
/// (about 1e-7 here); a large fraction means a wrong forward pass, not rounding.</param>
/// <param name="AlignedKinks">Whether the reference took float32's branch at every crossing.</param>
public sealed record NetworkGradientReport(IReadOnlyList<ParameterGradientError> Errors, long KinkCrossings, long Activations, bool AlignedKinks)
{
    /// <summary>The largest error (0 for a network without parameters).</summary>
    public double Worst => Errors.Count == 0 ? 0 : Errors.Max(e => e.Error);
}

/// <summary>
/// Whole-network float32 gradients against a float64 copy of the same network (same weights, same input):
/// the check behind <c>NetworkGradientTests</c>, <c>asm __check-network-gradients</c> and
/// <c>bench/NetworkGradients</c>. Where <see cref="ConvolutionGradientCheck"/> tests one convolution, this
/// tests what the layers do together (batch norm's reductions, concatenations, resizes).
/// </summary>
public static class NetworkGradientCheck
{
    /// <summary>
    /// Every parameter's error for <paramref name="network"/> built from <paramref name="config"/>, on a
    /// random batch of <paramref name="batch"/> images of <paramref name="size"/>² drawn from
    /// <paramref name="inputSeed"/>, loss = mean of the squared outputs. With <paramref name="alignKinks"/>
    /// (default) the float64 pass takes float32's side of every ReLU kink the two disagree on (its value there
    /// replaced by float32's, a shift below float32's rounding, the gradient passing through unchanged), so
    /// that the errors measure the backend rather than where rounding put a value next to a kink.
    /// Torch must be loaded; torch's current thread count is used.
    /// </summary>
    public static NetworkGradientReport Run(NetworkKind network, ExperimentConfig config, int size, int batch = 4, int inputSeed = 7,
        bool alignKinks = true)
    {
        using var scope = NewDisposeScope();
        var activations = new Queue<Tensor>();
        long crossings = 0, compared = 0;
        var (single, singleLoss) = Build(network, config, size, batch, inputSeed, float32, y =>
        {
            activations.Enqueue(y.detach().to_type(float64));
            return y;
        });
        var (reference, referenceLoss) = Build(network, config, size, batch, inputSeed, float64, y =>
        {
            // The modules run in the same order in both passes, so the queue pairs each output with its float32 twin.
            var twin = activations.Dequeue();
            using var zero = 0.ToScalar();
            var crossed = twin.gt(zero).ne(y.gt(zero));
            crossings += crossed.sum().item<long>();
            compared += y.numel();
            if (!alignKinks) return y;
            using var one = 1.ToScalar();
            return y.add(where(crossed, twin.sub(y), zeros_like(y)).detach(), one);
        });
        singleLoss.backward();
        referenceLoss.backward();
        var expected = reference.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!);
        var errors = single.named_parameters()
            .Select(p => new ParameterGradientError(p.name, RelativeError(p.parameter.grad!, expected[p.name])))
            .ToList();
        return new NetworkGradientReport(errors, crossings, compared, alignKinks);
    }

    private static double RelativeError(Tensor single, Tensor reference)
    {
        double error = single.to_type(float64).sub(reference).abs().sum().item<double>() / (reference.abs().sum().item<double>() + 1e-12);
        return double.IsFinite(error) ? error : double.PositiveInfinity;
    }

    // Both copies are initialised from the same seed, so they start with the same weights (float64's rounded to
    // float32), and read the same input (drawn in float32). onActivation sees (and may replace) every
    // convolution's and batch norm's output, in call order.
    private static (nn.Module Module, Tensor Loss) Build(NetworkKind network, ExperimentConfig config, int size, int batch, int inputSeed,
        ScalarType type, Func<Tensor, Tensor> onActivation)
    {
        var generator = new Generator((ulong)inputSeed);
        // Held until the losses are built: a converted number's scalar could be freed mid-call (ScalarScope).
        using var s = new ScalarScope();
        switch (network)
        {
            case NetworkKind.UNet:
            {
                var unet = Prepare(new UNet(config.Predictor, config.Task.Channels), type, onActivation);
                var x = randn([batch, 3, size, size], generator: generator).to_type(type);
                return (unet, unet.forward(x).pow(s.Of(2)).mean());
            }
            case NetworkKind.Analyzer:
            {
                var analyzer = Prepare(new StructureAnalyzer(config.Analyzer, config.Task.Channels), type, onActivation);
                var y = rand([batch, config.Task.Channels, size, size], generator: generator).to_type(type).requires_grad_(true);
                var output = analyzer.forward(y);
                var loss = output.Reconstruction!.pow(s.Of(2)).mean();
                foreach (var feature in output.Features) loss = s.Add(loss, feature.pow(s.Of(2)).mean());
                return (analyzer, loss);
            }
            case NetworkKind.Discriminator:
            {
                var discriminator = Prepare(new PatchDiscriminator(config.Discriminator, config.Task.Channels), type, onActivation);
                var x = randn([batch, 3, size, size], generator: generator).to_type(type);
                var y = rand([batch, config.Task.Channels, size, size], generator: generator).to_type(type);
                return (discriminator, discriminator.forward(x, y).pow(s.Of(2)).mean());
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(network), network, "not a network the check can build");
        }
    }

    private static T Prepare<T>(T module, ScalarType type, Func<Tensor, Tensor> onActivation) where T : nn.Module
    {
        ModelInit.Initialize(module, 1);
        module.to(type);
        foreach (var (_, child) in module.named_modules())
        {
            if (child is TorchSharp.Modules.Conv2d conv) conv.register_forward_hook((_, _, y) => onActivation(y));
            else if (child is TorchSharp.Modules.ConvTranspose2d deconv) deconv.register_forward_hook((_, _, y) => onActivation(y));
            else if (child is Models.BatchNorm2dLayer norm) norm.register_forward_hook((_, _, y) => onActivation(y));
        }
        return module;
    }
}
