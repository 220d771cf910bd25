using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Asm.Research.Models;

/// <summary>Splits a network's parameters for weight decay (DESIGN.md: conv weights only).</summary>
public static class ParameterGroups
{
    /// <summary>
    /// Conv and transposed-conv weights (decayed) versus every other parameter — biases and
    /// batch-norm weights and biases (not decayed). Each trainable parameter appears exactly once,
    /// in <see cref="nn.Module.parameters"/> order.
    /// </summary>
    public static (IReadOnlyList<Parameter> Decayed, IReadOnlyList<Parameter> NotDecayed) ForWeightDecay(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        // Compared by native handle: the same parameter may be wrapped by different managed objects.
        var convWeights = module.modules().OfType<Convolution>()
            .Select(c => c.weight).Where(w => w is not null).Select(w => w!.Handle).ToHashSet();
        var decayed = new List<Parameter>();
        var notDecayed = new List<Parameter>();
        foreach (var p in module.parameters())
            (convWeights.Contains(p.Handle) ? decayed : notDecayed).Add(p);
        return (decayed, notDecayed);
    }
}
