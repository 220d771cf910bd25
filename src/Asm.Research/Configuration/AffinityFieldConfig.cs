namespace Asm.Research.Configuration;

/// <summary>
/// Adaptive affinity fields (Ke, Hwang, Liu, Yu, ECCV 2018), the aaf method's structure loss; the
/// defaults are the authors' (twke18/Adaptive_Affinity_Fields, train_aaf.py).
/// </summary>
public sealed record AffinityFieldConfig
{
    /// <summary>Margin m of the separating term max(0, m − KL) on pairs whose labels differ.</summary>
    public double Margin { get; init; } = 3.0;
    /// <summary>Neighbourhood sizes k: each pixel is paired with the 8 pixels at offsets {−s, 0, s}², s = (k − 1)/2.</summary>
    public int[] KernelSizes { get; init; } = [3, 5, 7];
    /// <summary>λ_edge, weight of the separating (edge-pair) terms.</summary>
    public double EdgeWeight { get; init; } = 1.0;
    /// <summary>λ_non-edge, weight of the grouping (same-label pair) terms.</summary>
    public double NonEdgeWeight { get; init; } = 1.0;
    /// <summary>One set of adaptive per-size weights per class of the centre pixel (the authors'), else one shared set.</summary>
    public bool WeightsPerClass { get; init; } = true;
    /// <summary>Decay the AAF term as 10^(−t/T) over the run, as the authors' training script does.</summary>
    public bool Decay { get; init; } = true;
}
