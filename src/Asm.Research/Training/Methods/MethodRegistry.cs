using Asm.Research.Configuration;
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
        Supervised("bce", "S minimises per-pixel BCE (the IID baseline)", new LossConfig()),
        new("cgan", "BCE plus a conditional GAN: a patch discriminator on (image, label map)", [NetworkKind.UNet, NetworkKind.Discriminator],
            c => c with { Method = "cgan", Loss = new LossConfig() }, (c, d) => new CganMethod(c, d)),
        new("asm", "adversarial structure matching alone (λ_sup = 0, the authors' setting)", [NetworkKind.UNet, NetworkKind.Analyzer],
            c => c with { Method = "asm", Asm = c.Asm with { LambdaSup = 0 }, Loss = new LossConfig() }, (c, d) => new AsmMethod(c, d)),
        new("asm+bce", "adversarial structure matching plus BCE (λ_sup = 1)", [NetworkKind.UNet, NetworkKind.Analyzer],
            c => c with { Method = "asm+bce", Asm = c.Asm with { LambdaSup = 1 }, Loss = new LossConfig() }, (c, d) => new AsmMethod(c, d)),
        Supervised("bce+dice", "BCE plus soft Dice per image", new LossConfig { Dice = 1 }),
        Supervised("bce+lovasz", "BCE plus the Lovász hinge per image (Berman et al. 2018)", new LossConfig { Lovasz = 1 }),
        Supervised("aaf", "BCE plus adaptive affinity fields (Ke et al. 2018)", new LossConfig { Aaf = 1 }),
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

    // A supervised method is S with a weighted sum of losses; its preset sets the whole weight group.
    private static MethodDefinition Supervised(string name, string description, LossConfig weights) =>
        new(name, description, [NetworkKind.UNet], c => c with { Method = name, Loss = weights }, (c, d) => new SupervisedMethod(c, d));
}
