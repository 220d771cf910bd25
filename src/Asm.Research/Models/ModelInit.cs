using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Asm.Research.Models;

/// <summary>Deterministic weight initialisation, so that one seed gives one starting network.</summary>
public static class ModelInit
{
    /// <summary>
    /// Re-initialises every conv and batch-norm layer of <paramref name="module"/> (recursively):
    /// conv and transposed-conv weights ~ N(0, 2 / fan_in) (He / Kaiming normal for ReLU, with
    /// fan_in = weight.shape[1] · kernel area, as PyTorch's <c>kaiming_normal_(mode="fan_in",
    /// nonlinearity="relu")</c> computes it), conv biases 0, batch-norm weight 1 and bias 0, and
    /// running statistics reset to mean 0, variance 1.
    /// Random numbers come from a private <see cref="torch.Generator"/> seeded with
    /// <paramref name="seed"/>, consumed in module registration order: the result depends only on
    /// the seed and the architecture, and torch's global generator is left untouched.
    /// </summary>
    public static void Initialize(nn.Module module, int seed)
    {
        ArgumentNullException.ThrowIfNull(module);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var generator = new Generator(unchecked((ulong)seed), CPU);
        foreach (var layer in module.modules())
        {
            switch (layer)
            {
                case Convolution conv:
                    var weight = conv.weight;
                    long fanIn = weight.shape[1] * weight.shape.Skip(2).Aggregate(1L, (a, b) => a * b);
                    // Drawn on the CPU with the private generator, then copied: same numbers on any device.
                    var draw = empty(weight.shape, weight.dtype, CPU).normal_(0, Math.Sqrt(2.0 / fanIn), generator);
                    weight.copy_(draw);
                    conv.bias?.zero_();
                    break;
                case NormBase norm:
                    norm.weight?.fill_(1);
                    norm.bias?.zero_();
                    norm.running_mean?.zero_();
                    norm.running_var?.fill_(1);
                    norm.num_batches_tracked?.zero_();
                    break;
            }
        }
    }
}
