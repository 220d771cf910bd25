using Asm.Research.Data;
using Asm.Research.Models;
using Asm.Research.Training.Optimizers;
using TorchSharp;

namespace Asm.Research.Training.Methods;

/// <summary>
/// What a method contributes to the one training loop: its networks, their optimisers and
/// one training step. BCE, cGAN and ASM differ only here.
/// </summary>
public interface ITrainingMethod : IDisposable
{
    /// <summary>The method's name (bce, cgan, asm, asm+bce).</summary>
    string Name { get; }

    /// <summary>The structured predictor S, the network that is evaluated.</summary>
    UNet Predictor { get; }

    /// <summary>Every network of the method by a stable name (for checkpoints).</summary>
    IReadOnlyDictionary<string, torch.nn.Module> Networks { get; }

    /// <summary>Every optimiser by the name of the network it updates.</summary>
    IReadOnlyDictionary<string, IParameterOptimizer> Optimizers { get; }

    /// <summary>Checks the data's task against the method's and resolves what depends on the training split (class weights); called before training.</summary>
    void Prepare(SegmentationDataset data);

    /// <summary>
    /// One training step on <paramref name="batch"/>. Runs inside the caller's dispose scope;
    /// returns the step's scalar losses by name.
    /// </summary>
    IReadOnlyDictionary<string, double> Step(Batch batch, StepContext context);
}

/// <summary>Where a step stands in the run: t, T and the scheduled learning rate.</summary>
public sealed record StepContext(long Step, long TotalSteps, double LearningRate);
