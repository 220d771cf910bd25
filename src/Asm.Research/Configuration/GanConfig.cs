namespace Asm.Research.Configuration;

/// <summary>The cGAN baseline's loss weights.</summary>
public sealed record GanConfig
{
    /// <summary>λ_gan, weight of the adversarial term in S's objective.</summary>
    public double LambdaGan { get; init; } = 0.01;
    /// <summary>λ_sup, weight of BCE in S's objective.</summary>
    public double LambdaSup { get; init; } = 1.0;
    /// <summary>Also scale D's own loss by λ_gan, as the authors' code does (leaves D at chance with SGD).</summary>
    public bool ScaleDiscriminatorLoss { get; init; }
}
