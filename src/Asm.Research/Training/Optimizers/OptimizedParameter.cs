using Asm.Research.Models;
using TorchSharp.Modules;

namespace Asm.Research.Training.Optimizers;

/// <summary>A parameter with its position-stable key and whether weight decay applies to it.</summary>
public sealed record OptimizedParameter(string Key, Parameter Value, bool Decayed)
{
    /// <summary>
    /// The parameters of a module in registration order, named as in its state dict; weight decay
    /// applies as <see cref="ParameterGroups.ForWeightDecay"/> decides (conv kernels only).
    /// </summary>
    public static IReadOnlyList<OptimizedParameter> Of(TorchSharp.torch.nn.Module module)
    {
        var decayed = ParameterGroups.ForWeightDecay(module).Decayed.Select(p => p.Handle).ToHashSet();
        return module.named_parameters()
            .Select(p => new OptimizedParameter(p.name, p.parameter, decayed.Contains(p.parameter.Handle)))
            .ToList();
    }
}
