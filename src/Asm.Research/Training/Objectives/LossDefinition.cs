using Asm.Research.Configuration;
using Asm.Research.Data.Tasks;
using Asm.Research.Training.Methods;

namespace Asm.Research.Training.Objectives;

/// <summary>
/// One term S's supervised objective can hold, as the kit knows it: its name (the config key <c>loss.&lt;name&gt;</c>
/// holds its weight), what it computes, the tasks it has a form for, the bounds of its weight, and a factory
/// that builds it for a run. <see cref="LossRegistry"/> lists them; nothing else names the losses.
/// </summary>
/// <param name="Name">The log name and the weight's key under <c>loss.</c>, e.g. "lovasz".</param>
/// <param name="Description">What it computes on each kind of task, for help texts.</param>
/// <param name="Tasks">The kinds of task it has a form for.</param>
/// <param name="Weight">Reads its weight from the loss settings.</param>
/// <param name="Create">Builds the term for a run (its task decides the form) with the weight the config gives it.</param>
public sealed record LossDefinition(
    string Name,
    string Description,
    TaskKinds Tasks,
    Func<LossConfig, double> Weight,
    Func<LossContext, double, LossTerm> Create)
{
    /// <summary>The largest weight accepted: the one bound <c>ConfigBounds</c> and the objective share.</summary>
    public const double MaxWeight = 1e3;

    /// <summary>The weight's config key, <c>loss.&lt;name&gt;</c>.</summary>
    public string Key => $"loss.{Name}";

    /// <summary>Why <paramref name="weight"/> is not a valid weight for this term, or null.</summary>
    public string? WeightProblem(double weight) =>
        weight is >= 0 and <= MaxWeight ? null : $"{Key} = {weight}: expected a weight from 0 to {MaxWeight:0}";
}

/// <summary>What a loss factory needs: the run's config, its device and the method's current head (whose cross-entropy carries the class weights).</summary>
/// <param name="Config">The run's config.</param>
/// <param name="Device">Where learnable loss parts live.</param>
/// <param name="Head">The method's head when the term is computed.</param>
public sealed record LossContext(ExperimentConfig Config, TorchSharp.torch.Device Device, Func<Heads.IOutputHead> Head)
{
    /// <summary>The term's weight in this config.</summary>
    public double WeightOf(LossDefinition loss) => loss.Weight(Config.Loss);
}
