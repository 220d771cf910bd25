using Asm.Research.Configuration;
using Asm.Research.Data.Tasks;
using Asm.Research.Models;
using TorchSharp;

namespace Asm.Research.Training.Methods;

/// <summary>
/// One training method as the kit knows it: its name (what <c>--method</c> takes), a one-line
/// description (for help texts), the networks it trains, the tasks it trains on, its preset (what
/// choosing it sets in a config) and its factory.
/// </summary>
/// <param name="Name">The method's name, e.g. <c>asm+bce</c>.</param>
/// <param name="Description">One line for <c>--help</c> and the notebooks.</param>
/// <param name="Networks">The networks it trains, S first (<see cref="NetworkKind.UNet"/>, then A or D if it has one; AAF's affinity weights are a loss's parameters, not a network).</param>
/// <param name="Preset">Sets <see cref="ExperimentConfig.Method"/> and the fields that define the method (e.g. λ_sup for asm).</param>
/// <param name="Create">Builds the method's networks and optimisers from a config carrying this preset.</param>
/// <param name="Tasks">The kinds of task it trains on.</param>
/// <param name="Equivalent">The method of the same idea for the other kind of task (bce ↔ ce), or null.</param>
public sealed record MethodDefinition(
    string Name,
    string Description,
    IReadOnlyList<NetworkKind> Networks,
    Func<ExperimentConfig, ExperimentConfig> Preset,
    Func<ExperimentConfig, torch.Device, ITrainingMethod> Create,
    TaskKinds Tasks = TaskKinds.Any,
    string? Equivalent = null);
