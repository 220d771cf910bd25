using TorchSharp.Modules;

namespace Asm.Research.Training.Optimizers;

/// <summary>A parameter with its position-stable key and whether weight decay applies to it.</summary>
public sealed record OptimizedParameter(string Key, Parameter Value, bool Decayed)
{
    /// <summary>
    /// The parameters of a module in registration order; weight decay applies to conv and
    /// transposed-conv kernels only (4-D tensors), not to biases or batch-norm parameters (DESIGN.md).
    /// </summary>
    public static IReadOnlyList<OptimizedParameter> Of(TorchSharp.torch.nn.Module module) =>
        module.named_parameters()
              .Select(p => new OptimizedParameter(p.name, p.parameter, p.parameter.dim() == 4))
              .ToList();
}
