namespace Asm.Research.Configuration;

/// <summary>Optimiser and schedule, shared by every network of a run so that methods compare fairly.</summary>
public sealed record OptimizerConfig
{
    /// <summary>"sgd" (momentum) or "adam".</summary>
    public string Name { get; init; } = "sgd";
    /// <summary>Base learning rate.</summary>
    public double LearningRate { get; init; } = 1e-2;
    /// <summary>SGD momentum.</summary>
    public double Momentum { get; init; } = 0.9;
    /// <summary>Weight decay on conv weights only (not biases or batch-norm parameters).</summary>
    public double WeightDecay { get; init; } = 5e-4;
    /// <summary>Poly schedule lr·(1 − t/T)^PolyPower; 0 keeps the rate constant.</summary>
    public double PolyPower { get; init; } = 0.9;
    /// <summary>Adam's β₁.</summary>
    public double Beta1 { get; init; } = 0.9;
    /// <summary>Adam's β₂.</summary>
    public double Beta2 { get; init; } = 0.999;
}
