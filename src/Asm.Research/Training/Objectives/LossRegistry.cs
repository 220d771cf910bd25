using Asm.Research.Configuration;
using Asm.Research.Data.Tasks;
using Asm.Research.Losses;
using Asm.Research.Training.Methods;

namespace Asm.Research.Training.Objectives;

/// <summary>
/// Every term of S's supervised objective, in the order the objective sums and logs them (the per-pixel term
/// first). The config bounds, the supervised objective, the methods' refusals and the help read this list;
/// adding a loss is its math in <c>Losses/</c>, its weight in <see cref="LossConfig"/> and one entry here.
/// </summary>
public static class LossRegistry
{
    /// <summary>The terms, in summation order.</summary>
    public static IReadOnlyList<LossDefinition> All { get; } =
    [
        new("bce", "per-pixel binary cross-entropy on the logit (binary data)", TaskKinds.Binary, w => w.Bce,
            (c, w) => new LossTerm("bce", w, (z, y, _) => BceLoss.WithLogits(z, y))),
        new("ce", "per-pixel cross-entropy, void ignored, with the class weights (multi-class data)", TaskKinds.MultiClass, w => w.Ce,
            (c, w) => new LossTerm("ce", w, (z, y, _) => c.Head().Supervised(z, y))),
        new("dice", "soft Dice per image (multi-class: over the classes present)", TaskKinds.Any, w => w.Dice,
            (c, w) => new LossTerm("dice", w, c.Config.Task.IsBinary
                ? (z, y, _) => SoftDiceLoss.WithLogits(z, y)
                : (z, y, _) => ClassDiceLoss.WithLogits(z, y))),
        new("lovasz", "the Lovász hinge per image (multi-class: the Lovász-softmax)", TaskKinds.Any, w => w.Lovasz,
            (c, w) => new LossTerm("lovasz", w, c.Config.Task.IsBinary
                ? (z, y, _) => LovaszHinge.WithLogits(z, y)
                : (z, y, _) => LovaszSoftmax.WithLogits(z, y))),
        new("aaf", "adaptive affinity fields, their per-size weights maximised (settings: aaf.*)", TaskKinds.Any, w => w.Aaf,
            AffinityFieldTerm.Create),
    ];

    /// <summary>The loss called <paramref name="name"/>.</summary>
    /// <exception cref="ConfigException">No such loss; the message lists them.</exception>
    public static LossDefinition Get(string name) =>
        All.FirstOrDefault(l => l.Name == name)
        ?? throw new ConfigException($"unknown loss '{name}'; expected one of {string.Join(", ", All.Select(l => l.Name))}");

    /// <summary>The weight keys (<c>loss.bce</c>, …) of the losses a kind of task has.</summary>
    public static IReadOnlyList<string> KeysFor(TaskKinds kind) => All.Where(l => l.Tasks.HasFlag(kind)).Select(l => l.Key).ToList();
}
