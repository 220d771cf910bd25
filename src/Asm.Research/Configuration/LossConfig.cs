using System.Text.Json.Serialization;

namespace Asm.Research.Configuration;

/// <summary>
/// The weights of S's objective for the supervised methods (bce, ce, bce+dice, ce+lovasz, aaf, …): a
/// weighted sum of a per-pixel term (BCE on binary data, cross-entropy on multi-class data) and structure
/// losses; a zero weight leaves a term out. Each supervised method's preset sets the weights (bce: BCE only).
/// The class weights apply to cross-entropy wherever a method uses it (ce, asm+ce's λ_sup term, cgan).
/// </summary>
public sealed record LossConfig
{
    /// <summary>Weight of per-pixel BCE on the logits (binary data only).</summary>
    public double Bce { get; init; } = 1;
    /// <summary>Weight of per-pixel cross-entropy, void ignored (multi-class data only; ce: 1).</summary>
    public double Ce { get; init; }
    /// <summary>Weight of soft Dice per image (binary: 1 − (2Σpy + 1)/(Σp + Σy + 1); multi-class: averaged over the classes present) (bce+dice, ce+dice: 1).</summary>
    public double Dice { get; init; }
    /// <summary>Weight of the Lovász loss per image: the binary Lovász hinge on logits, or the Lovász-softmax (bce+lovasz, ce+lovasz: 1).</summary>
    public double Lovasz { get; init; }
    /// <summary>Weight of the adaptive affinity field loss (aaf, ce+aaf: 1); its settings are in <see cref="ExperimentConfig.Aaf"/>.</summary>
    public double Aaf { get; init; }
    /// <summary>
    /// Class weights of cross-entropy (multi-class data): None (the default), MedianFrequency (w_c = median_f / f_c from the
    /// training split's labels, DESIGN.md), or Given (<see cref="ClassWeights"/>).
    /// </summary>
    public ClassWeighting ClassWeighting { get; init; } = ClassWeighting.None;
    /// <summary>One weight per class, used when <see cref="ClassWeighting"/> is Given; empty otherwise.</summary>
    public double[] ClassWeights { get; init; } = [];
}

/// <summary>How cross-entropy weighs the classes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ClassWeighting>))]
public enum ClassWeighting
{
    /// <summary>Every class weighs 1.</summary>
    None,
    /// <summary>Median-frequency balancing from the training split (Eigen and Fergus 2015).</summary>
    MedianFrequency,
    /// <summary>The weights listed in <c>loss.classWeights</c>.</summary>
    Given,
}
