namespace Asm.Research.Configuration;

/// <summary>Adversarial structure matching: which analyzer features are matched and how the losses are weighted.</summary>
public sealed record AsmConfig
{
    /// <summary>Matched analyzer features, 1-based (φ₁…φ₉).</summary>
    public int[] Layers { get; init; } = [1, 2];
    /// <summary>Hinge margin m of the adversarial loss.</summary>
    public double Margin { get; init; } = 0.8;
    /// <summary>λ_adv, weight of the adversarial (hinge) loss in A's objective.</summary>
    public double LambdaAdv { get; init; } = 0.012;
    /// <summary>Decay λ_adv as 10^(−t/T).</summary>
    public bool AdvDecay { get; init; } = true;
    /// <summary>λ_rec, weight of A's reconstruction loss (0 turns it off).</summary>
    public double LambdaRec { get; init; } = 1.0;
    /// <summary>λ_sup, weight of BCE in S's objective (0 for asm, 1 for asm+bce).</summary>
    public double LambdaSup { get; init; }
    /// <summary>k, updates of S per update of A.</summary>
    public int PredictorSteps { get; init; } = 1;
    /// <summary>Use the hard negative 1[p &gt; 0.5]; false uses the soft prediction p itself.</summary>
    public bool HardNegative { get; init; } = true;
}
