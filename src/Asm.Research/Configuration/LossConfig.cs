namespace Asm.Research.Configuration;

/// <summary>
/// The weights of S's objective for the supervised methods (bce, bce+dice, bce+lovasz, aaf): a
/// weighted sum of per-pixel BCE and structure losses; a zero weight leaves a term out. Each
/// supervised method's preset sets this whole group (bce: BCE only).
/// </summary>
public sealed record LossConfig
{
    /// <summary>Weight of per-pixel BCE on the logits.</summary>
    public double Bce { get; init; } = 1;
    /// <summary>Weight of soft Dice per image, 1 − (2Σpy + 1)/(Σp + Σy + 1) (bce+dice: 1).</summary>
    public double Dice { get; init; }
    /// <summary>Weight of the binary Lovász hinge per image on the logits (bce+lovasz: 1).</summary>
    public double Lovasz { get; init; }
    /// <summary>Weight of the adaptive affinity field loss (aaf: 1); its settings are in <see cref="ExperimentConfig.Aaf"/>.</summary>
    public double Aaf { get; init; }
}
