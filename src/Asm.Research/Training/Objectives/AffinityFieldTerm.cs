using Asm.Research.Configuration;
using Asm.Research.Losses;
using Asm.Research.Training.Methods;
using TorchSharp;

namespace Asm.Research.Training.Objectives;

/// <summary>
/// The AAF term: the loss with its adaptive per-size weights (one set per centre class: 2 for binary data, C
/// otherwise), which the method maximises, decayed as 10^(−t/T) when <see cref="AffinityFieldConfig.Decay"/> is set.
/// </summary>
internal static class AffinityFieldTerm
{
    public static LossTerm Create(LossContext context, double weight)
    {
        var config = context.Config;
        var aaf = config.Aaf;
        if (aaf.KernelSizes.Length == 0 || aaf.KernelSizes.Any(k => k < 3 || k % 2 == 0))
            throw new ConfigException($"aaf.kernelSizes must list odd sizes of at least 3; got [{string.Join(",", aaf.KernelSizes)}]");
        if (!(aaf.Margin > 0)) throw new ConfigException($"aaf.margin must be above 0; got {aaf.Margin}");
        if (!(aaf.EdgeWeight >= 0 && aaf.NonEdgeWeight >= 0))
            throw new ConfigException($"aaf.edgeWeight and aaf.nonEdgeWeight must be 0 or more; got {aaf.EdgeWeight}, {aaf.NonEdgeWeight}");
        bool binary = config.Task.IsBinary;
        var weights = new AffinityFieldWeights(aaf.KernelSizes.Length, aaf.WeightsPerClass, classes: config.Task.ClassCount);
        weights.to(context.Device);
        return new LossTerm("aaf", weight, (logits, target, step) =>
        {
            var loss = binary
                ? AffinityFieldLoss.WithLogits(logits, target, weights.Edge(), weights.NonEdge(), aaf.KernelSizes, aaf.Margin, aaf.EdgeWeight, aaf.NonEdgeWeight)
                : ClassAffinityFieldLoss.WithLogits(logits, target, weights.Edge(), weights.NonEdge(), aaf.KernelSizes, aaf.Margin, aaf.EdgeWeight, aaf.NonEdgeWeight);
            double decay = AsmLosses.AdversarialWeight(1, aaf.Decay, step.Step, step.TotalSteps);
            if (decay == 1) return loss;
            using var factor = decay.ToScalar();
            return loss.mul(factor);
        }, weights);
    }
}
