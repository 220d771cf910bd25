using Asm.Research.Configuration;
using Asm.Research.Losses;
using TorchSharp;

namespace Asm.Research.Training.Methods;

/// <summary>
/// Builds the supervised methods' objective from <see cref="LossConfig"/>: one <see cref="LossTerm"/> per non-zero
/// weight. Each term has its binary and its multi-class form (BCE / cross-entropy, soft Dice / Dice over the
/// classes present, Lovász hinge / Lovász-softmax, AAF); the task decides which runs.
/// </summary>
public static class SupervisedObjective
{
    /// <summary>The terms with a non-zero weight, the per-pixel term first.</summary>
    /// <param name="config">Weights, AAF settings and the task.</param>
    /// <param name="device">Where learnable loss parts live.</param>
    /// <param name="head">The method's current head (its cross-entropy carries the class weights resolved from the data).</param>
    /// <exception cref="ConfigException">A negative weight, no term with a positive weight, a term of the other kind of task, or bad AAF settings.</exception>
    public static IReadOnlyList<LossTerm> Terms(ExperimentConfig config, torch.Device device, Func<Heads.IOutputHead> head)
    {
        var w = config.Loss;
        bool binary = config.Task.IsBinary;
        var all = new (string Key, double Weight, bool Fits, Func<LossTerm> Create)[]
        {
            ("loss.bce", w.Bce, binary, () => new LossTerm("bce", w.Bce, (z, y, _) => BceLoss.WithLogits(z, y))),
            ("loss.ce", w.Ce, !binary, () => new LossTerm("ce", w.Ce, (z, y, _) => head().Supervised(z, y))),
            ("loss.dice", w.Dice, true, () => new LossTerm("dice", w.Dice,
                binary ? (z, y, _) => SoftDiceLoss.WithLogits(z, y) : (z, y, _) => ClassDiceLoss.WithLogits(z, y))),
            ("loss.lovasz", w.Lovasz, true, () => new LossTerm("lovasz", w.Lovasz,
                binary ? (z, y, _) => LovaszHinge.WithLogits(z, y) : (z, y, _) => LovaszSoftmax.WithLogits(z, y))),
            ("loss.aaf", w.Aaf, true, () => AffinityFields(config, w.Aaf, device)),
        };
        foreach (var (key, weight, fits, _) in all)
        {
            if (!(weight >= 0) || !double.IsFinite(weight))
                throw new ConfigException($"{key} must be a finite weight of 0 or more; got {weight}");
            if (weight != 0 && !fits)
                throw new ConfigException(binary
                    ? $"{key} = {weight}: cross-entropy is for multi-class data; the data is binary, so use loss.bce"
                    : $"{key} = {weight}: BCE is for binary data; the data has {config.Task.ClassCount} classes, so use loss.ce");
        }
        var terms = all.Where(t => t.Weight != 0).Select(t => t.Create()).ToList();
        if (terms.Count == 0)
            throw new ConfigException($"the {config.Method} method needs at least one of {string.Join(", ", all.Where(t => t.Fits).Select(t => t.Key))} above 0");
        return terms;
    }

    // AAF: the loss with its adaptive per-size weights, which the method maximises.
    private static LossTerm AffinityFields(ExperimentConfig config, double weight, torch.Device device)
    {
        var aaf = config.Aaf;
        if (aaf.KernelSizes.Length == 0 || aaf.KernelSizes.Any(k => k < 3 || k % 2 == 0))
            throw new ConfigException($"aaf.kernelSizes must list odd sizes of at least 3; got [{string.Join(",", aaf.KernelSizes)}]");
        if (!(aaf.Margin > 0)) throw new ConfigException($"aaf.margin must be above 0; got {aaf.Margin}");
        if (!(aaf.EdgeWeight >= 0 && aaf.NonEdgeWeight >= 0))
            throw new ConfigException($"aaf.edgeWeight and aaf.nonEdgeWeight must be 0 or more; got {aaf.EdgeWeight}, {aaf.NonEdgeWeight}");
        bool binary = config.Task.IsBinary;
        var weights = new AffinityFieldWeights(aaf.KernelSizes.Length, aaf.WeightsPerClass, classes: config.Task.ClassCount);
        weights.to(device);
        return new LossTerm("aaf", weight, (logits, target, context) =>
        {
            var loss = binary
                ? AffinityFieldLoss.WithLogits(logits, target, weights.Edge(), weights.NonEdge(), aaf.KernelSizes, aaf.Margin, aaf.EdgeWeight, aaf.NonEdgeWeight)
                : ClassAffinityFieldLoss.WithLogits(logits, target, weights.Edge(), weights.NonEdge(), aaf.KernelSizes, aaf.Margin, aaf.EdgeWeight, aaf.NonEdgeWeight);
            double decay = AsmLosses.AdversarialWeight(1, aaf.Decay, context.Step, context.TotalSteps);
            return decay == 1 ? loss : loss.mul(decay);
        }, weights);
    }
}
