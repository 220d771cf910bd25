using Asm.Research.Configuration;
using Asm.Research.Losses;
using TorchSharp;

namespace Asm.Research.Training.Methods;

/// <summary>Builds the supervised methods' objective from <see cref="LossConfig"/>: one <see cref="LossTerm"/> per non-zero weight.</summary>
public static class SupervisedObjective
{
    /// <summary>The terms with a non-zero weight, BCE first.</summary>
    /// <exception cref="ConfigException">A negative weight, no term with a positive weight, or bad AAF settings.</exception>
    public static IReadOnlyList<LossTerm> Terms(ExperimentConfig config, torch.Device device)
    {
        var w = config.Loss;
        var all = new (string Key, double Weight, Func<LossTerm> Create)[]
        {
            ("loss.bce", w.Bce, () => new LossTerm("bce", w.Bce, (z, y, _) => BceLoss.WithLogits(z, y))),
            ("loss.dice", w.Dice, () => new LossTerm("dice", w.Dice, (z, y, _) => SoftDiceLoss.WithLogits(z, y))),
            ("loss.lovasz", w.Lovasz, () => new LossTerm("lovasz", w.Lovasz, (z, y, _) => LovaszHinge.WithLogits(z, y))),
            ("loss.aaf", w.Aaf, () => AffinityFields(config.Aaf, w.Aaf, device)),
        };
        foreach (var (key, weight, _) in all)
            if (!(weight >= 0) || !double.IsFinite(weight))
                throw new ConfigException($"{key} must be a finite weight of 0 or more; got {weight}");
        var terms = all.Where(t => t.Weight != 0).Select(t => t.Create()).ToList();
        if (terms.Count == 0)
            throw new ConfigException($"the {config.Method} method needs at least one of loss.bce, loss.dice, loss.lovasz, loss.aaf above 0");
        return terms;
    }

    // AAF: the loss with its adaptive per-size weights, which the method maximises.
    private static LossTerm AffinityFields(AffinityFieldConfig aaf, double weight, torch.Device device)
    {
        if (aaf.KernelSizes.Length == 0 || aaf.KernelSizes.Any(k => k < 3 || k % 2 == 0))
            throw new ConfigException($"aaf.kernelSizes must list odd sizes of at least 3; got [{string.Join(",", aaf.KernelSizes)}]");
        if (!(aaf.Margin > 0)) throw new ConfigException($"aaf.margin must be above 0; got {aaf.Margin}");
        if (!(aaf.EdgeWeight >= 0 && aaf.NonEdgeWeight >= 0))
            throw new ConfigException($"aaf.edgeWeight and aaf.nonEdgeWeight must be 0 or more; got {aaf.EdgeWeight}, {aaf.NonEdgeWeight}");
        var weights = new AffinityFieldWeights(aaf.KernelSizes.Length, aaf.WeightsPerClass);
        weights.to(device);
        return new LossTerm("aaf", weight, (logits, target, context) =>
        {
            var loss = AffinityFieldLoss.WithLogits(logits, target, weights.Edge(), weights.NonEdge(), aaf.KernelSizes,
                aaf.Margin, aaf.EdgeWeight, aaf.NonEdgeWeight);
            double decay = AsmLosses.AdversarialWeight(1, aaf.Decay, context.Step, context.TotalSteps);
            return decay == 1 ? loss : loss.mul(decay);
        }, weights);
    }
}
