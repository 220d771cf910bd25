using Asm.Research.Configuration;
using Asm.Research.Data.Tasks;
using Asm.Research.Training.Objectives;
using TorchSharp;

namespace Asm.Research.Training.Methods;

/// <summary>
/// Builds the supervised methods' objective: one <see cref="LossTerm"/> per loss of <see cref="LossRegistry"/> whose
/// weight is not 0. Each loss has its binary and its multi-class form (BCE / cross-entropy, soft Dice / Dice over the
/// classes present, Lovász hinge / Lovász-softmax, AAF over 2 or C classes); the run's task decides which runs.
/// </summary>
public static class SupervisedObjective
{
    /// <summary>The terms with a non-zero weight, in <see cref="LossRegistry"/> order (the per-pixel term first).</summary>
    /// <param name="config">Weights, AAF settings and the task.</param>
    /// <param name="device">Where learnable loss parts live.</param>
    /// <param name="head">The method's current head (its cross-entropy carries the class weights resolved from the data).</param>
    /// <exception cref="ConfigException">A weight out of bounds, no term with a positive weight, a term of the other kind of task, or bad AAF settings.</exception>
    public static IReadOnlyList<LossTerm> Terms(ExperimentConfig config, torch.Device device, Func<Heads.IOutputHead> head)
    {
        var kind = config.Task.TaskKind;
        var context = new LossContext(config, device, head);
        foreach (var loss in LossRegistry.All)
        {
            double weight = context.WeightOf(loss);
            if (loss.WeightProblem(weight) is { } problem) throw new ConfigException(problem);
            if (weight != 0 && !loss.Tasks.HasFlag(kind))
                throw new ConfigException(
                    $"{loss.Key} = {weight}: {loss.Description}; the data is {(config.Task.IsBinary ? "binary" : $"multi-class ({config.Task.ClassCount} classes)")}" +
                    $" (losses for it: {string.Join(", ", LossRegistry.KeysFor(kind))})");
        }
        var terms = LossRegistry.All.Where(l => context.WeightOf(l) != 0).Select(l => l.Create(context, context.WeightOf(l))).ToList();
        if (terms.Count == 0)
            throw new ConfigException($"the {config.Method} method needs at least one of {string.Join(", ", LossRegistry.KeysFor(kind))} above 0");
        return terms;
    }
}
