using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Training.Optimizers;

/// <summary>
/// An optimiser over one network's parameters. The learning rate is passed at each step so that
/// one schedule drives every network of a run; the state is a flat tensor dictionary so that
/// checkpoints can store and restore it exactly.
/// </summary>
public interface IParameterOptimizer
{
    /// <summary>Clears the gradients of the optimised parameters.</summary>
    void ZeroGrad();

    /// <summary>One update with the given learning rate.</summary>
    void Step(double learningRate);

    /// <summary>The optimiser's buffers (momentum, moments, step counts), keyed by stable names.</summary>
    IReadOnlyDictionary<string, Tensor> State();

    /// <summary>Restores buffers saved by <see cref="State"/>.</summary>
    void LoadState(IReadOnlyDictionary<string, Tensor> state);
}
