using Asm.Research.Configuration;
using Asm.Research.Data.Tasks;
using Asm.Research.Models;
using TorchSharp;

namespace Asm.Research.Training.Methods;

/// <summary>
/// Every method the kit can train, in the order tables list them (baselines first). The config,
/// the CLI (<c>--method</c>, <c>compare --methods</c>, help), <c>summarize</c> and the notebooks
/// read this list; adding a method is one entry here.
/// </summary>
public static class MethodRegistry
{
    /// <summary>The methods, in table order.</summary>
    public static IReadOnlyList<MethodDefinition> All { get; } =
    [
        Supervised("bce", "S minimises per-pixel BCE (the IID baseline)", new LossConfig(), TaskKinds.Binary, "ce"),
        Supervised("ce", "S minimises per-pixel cross-entropy, void ignored (the IID baseline)", new LossConfig { Bce = 0, Ce = 1 }, TaskKinds.MultiClass, "bce"),
        new("cgan", "λ_sup·BCE (CE) plus a conditional GAN: a patch discriminator on (image, label map)", [NetworkKind.UNet, NetworkKind.Discriminator],
            c => c with { Method = "cgan", Loss = KeepClassWeights(c, new LossConfig()) }, (c, d) => new CganMethod(c, d)),
        new("asm", "adversarial structure matching alone (λ_sup = 0, the authors' setting)", [NetworkKind.UNet, NetworkKind.Analyzer],
            c => c with { Method = "asm", Asm = c.Asm with { LambdaSup = 0 }, Loss = KeepClassWeights(c, new LossConfig()) }, (c, d) => new AsmMethod(c, d)),
        Asm("asm+bce", "adversarial structure matching plus BCE (λ_sup = 1)", TaskKinds.Binary, "asm+ce"),
        Asm("asm+ce", "adversarial structure matching plus cross-entropy (λ_sup = 1)", TaskKinds.MultiClass, "asm+bce"),
        Supervised("bce+dice", "BCE plus soft Dice per image", new LossConfig { Dice = 1 }, TaskKinds.Binary, "ce+dice"),
        Supervised("ce+dice", "cross-entropy plus soft Dice per image, over the classes present", new LossConfig { Bce = 0, Ce = 1, Dice = 1 }, TaskKinds.MultiClass, "bce+dice"),
        Supervised("bce+lovasz", "BCE plus the Lovász hinge per image (Berman et al. 2018)", new LossConfig { Lovasz = 1 }, TaskKinds.Binary, "ce+lovasz"),
        Supervised("ce+lovasz", "cross-entropy plus the Lovász-softmax per image (Berman et al. 2018)", new LossConfig { Bce = 0, Ce = 1, Lovasz = 1 }, TaskKinds.MultiClass, "bce+lovasz"),
        Supervised("aaf", "BCE plus adaptive affinity fields (Ke et al. 2018)", new LossConfig { Aaf = 1 }, TaskKinds.Binary, "ce+aaf"),
        Supervised("ce+aaf", "cross-entropy plus adaptive affinity fields over C-class distributions (Ke et al. 2018)", new LossConfig { Bce = 0, Ce = 1, Aaf = 1 }, TaskKinds.MultiClass, "aaf"),
    ];

    /// <summary>The method names, in table order.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(m => m.Name).ToList();

    /// <summary>The method called <paramref name="name"/>.</summary>
    /// <exception cref="ConfigException">No such method; the message lists the known ones.</exception>
    public static MethodDefinition Get(string name) =>
        All.FirstOrDefault(m => m.Name == name)
        ?? throw new ConfigException($"unknown method '{name}'; expected one of {string.Join(", ", Names)}");

    /// <summary>Whether a method of that name exists.</summary>
    public static bool Contains(string name) => All.Any(m => m.Name == name);

    /// <summary>Position in table order (unknown names last), for sorting records.</summary>
    public static int Rank(string name) => Names.ToList().IndexOf(name) is var i and >= 0 ? i : Names.Count;

    /// <summary>The networks the method called <paramref name="name"/> trains, S first.</summary>
    /// <exception cref="ConfigException">No such method.</exception>
    public static IReadOnlyList<NetworkKind> NetworksOf(string name) => Get(name).Networks;

    /// <summary>Whether the method called <paramref name="name"/> trains <paramref name="network"/> (false for an unknown name).</summary>
    public static bool Trains(string name, NetworkKind network) => All.FirstOrDefault(m => m.Name == name)?.Networks.Contains(network) == true;

    /// <summary>Builds the method a config names.</summary>
    /// <exception cref="ConfigException">Unknown method or invalid method settings.</exception>
    public static ITrainingMethod Create(ExperimentConfig config, torch.Device device) => Get(config.Method).Create(config, device);

    /// <summary>The methods that train on <paramref name="task"/>'s kind, in table order.</summary>
    public static IReadOnlyList<string> NamesFor(Data.Tasks.SegmentationTask task) =>
        All.Where(m => m.Tasks.HasFlag(task.TaskKind)).Select(m => m.Name).ToList();

    /// <summary>Refuses a method that does not train on <paramref name="task"/>'s kind, naming the one that does.</summary>
    /// <exception cref="ConfigException">Unknown method, or one for the other kind of task.</exception>
    public static void RequireFits(string name, Data.Tasks.SegmentationTask task)
    {
        var method = Get(name);
        if (method.Tasks.HasFlag(task.TaskKind)) return;
        string kind = task.IsBinary ? "binary (figure-ground)" : $"multi-class ({task.ClassCount} classes)";
        throw new ConfigException(
            $"method {name} is for {(task.IsBinary ? "multi-class" : "binary")} data, and the data ({task.Name}) is {kind}" +
            (method.Equivalent is { } e ? $": use {e}, its equivalent" : "") + $" (methods for this data: {string.Join(", ", NamesFor(task))})");
    }

    // A supervised method is S with a weighted sum of losses; its preset sets the whole weight group (class weights are kept).
    private static MethodDefinition Supervised(string name, string description, LossConfig weights, TaskKinds tasks, string equivalent) =>
        new(name, description, [NetworkKind.UNet], c => c with { Method = name, Loss = KeepClassWeights(c, weights) }, (c, d) => new SupervisedMethod(c, d),
            tasks, equivalent);

    // ASM with S's supervised term at weight 1 (BCE on binary data, CE on multi-class data).
    private static MethodDefinition Asm(string name, string description, TaskKinds tasks, string equivalent) =>
        new(name, description, [NetworkKind.UNet, NetworkKind.Analyzer],
            c => c with { Method = name, Asm = c.Asm with { LambdaSup = 1 }, Loss = KeepClassWeights(c, new LossConfig()) }, (c, d) => new AsmMethod(c, d),
            tasks, equivalent);

    // Class weights describe the data, not the method: choosing a method keeps them.
    private static LossConfig KeepClassWeights(ExperimentConfig c, LossConfig weights) =>
        weights with { ClassWeighting = c.Loss.ClassWeighting, ClassWeights = c.Loss.ClassWeights };
}
