using Asm.Research.Configuration;
using TorchSharp;

namespace Asm.Research.Training.Optimizers;

/// <summary>Builds the configured optimiser for a network and gives the scheduled learning rate.</summary>
public static class OptimizerFactory
{
    /// <summary>An optimiser for every parameter of <paramref name="module"/>.</summary>
    /// <exception cref="ConfigException">Unknown optimiser name.</exception>
    public static IParameterOptimizer Create(torch.nn.Module module, OptimizerConfig config)
    {
        var parameters = OptimizedParameter.Of(module);
        return config.Name.ToLowerInvariant() switch
        {
            "sgd" => new MomentumSgd(parameters, config.Momentum, config.WeightDecay),
            "adam" => new AdamOptimizer(parameters, config.Beta1, config.Beta2, config.WeightDecay),
            _ => throw new ConfigException($"optimizer.name '{config.Name}' is unknown; expected sgd or adam"),
        };
    }

    /// <summary>The poly schedule lr·(1 − t/T)^power (constant when power is 0).</summary>
    public static double LearningRate(OptimizerConfig config, long step, long totalSteps)
    {
        if (config.PolyPower == 0 || totalSteps <= 0) return config.LearningRate;
        double progress = Math.Clamp((double)step / totalSteps, 0, 1);
        return config.LearningRate * Math.Pow(1 - progress, config.PolyPower);
    }
}
