using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Asm.Research.Performance;

/// <summary>
/// Counts the multiply-add FLOPs of every convolution that runs while it is attached (forward
/// hooks on the conv modules of the given networks). Convolutions are nearly all of the work
/// in these networks; element-wise ops, pooling and resizes are not counted.
/// </summary>
public sealed class ConvolutionFlops : IDisposable
{
    private readonly List<Action> _removers = [];

    /// <summary>Starts counting the convolutions of <paramref name="networks"/>.</summary>
    public ConvolutionFlops(IEnumerable<nn.Module> networks)
    {
        // named_modules() leaves out the network itself, which may be a conv.
        var modules = networks.SelectMany(n => n.named_modules().Select(m => m.module).Prepend(n)).Distinct(ReferenceEqualityComparer.Instance);
        foreach (var module in modules)
            if (module is Convolution conv)
            {
                var hook = conv.register_forward_hook((m, input, output) =>
                {
                    double forward = Of(conv, input, output);
                    Count += forward;
                    // Each gradient autograd will compute costs about one forward pass.
                    bool graph = torch.is_grad_enabled();
                    int gradients = (graph && input.requires_grad ? 1 : 0) + (graph && conv.weight is { requires_grad: true } ? 1 : 0);
                    TrainingCount += forward * (1 + gradients);
                    return output;
                });
                _removers.Add(hook.remove);
            }
    }

    /// <summary>Forward FLOPs (2 per multiply-add) counted so far.</summary>
    public double Count { get; private set; }

    /// <summary>
    /// Forward plus backward FLOPs counted so far, for convolutions whose output is backpropagated:
    /// the input gradient and the weight gradient each cost one forward pass and are counted only
    /// where autograd will compute them (input or weight requiring grad, grad mode on), so frozen
    /// networks and passes under <c>no_grad</c> count what they really cost.
    /// </summary>
    public double TrainingCount { get; private set; }

    /// <summary>FLOPs of one call of a (transposed) convolution with these input and output shapes.</summary>
    public static double Of(Convolution conv, Tensor input, Tensor output)
    {
        double kernel = conv.kernel_size.Aggregate(1L, (a, b) => a * b);
        double batch = input.shape[0];
        return conv.transposed
            // Every input pixel scatters a kernel into Cout/groups outputs.
            ? 2 * batch * conv.in_channels * (conv.out_channels / conv.groups) * kernel * input.shape[2] * input.shape[3]
            // Every output pixel gathers a kernel from Cin/groups inputs.
            : 2 * batch * (conv.in_channels / conv.groups) * conv.out_channels * kernel * output.shape[2] * output.shape[3];
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var remove in _removers) remove();
    }
}
