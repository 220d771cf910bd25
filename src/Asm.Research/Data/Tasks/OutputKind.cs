namespace Asm.Research.Data.Tasks;

/// <summary>How S's logits become a prediction.</summary>
public enum OutputKind
{
    /// <summary>Figure-ground: one logit channel, foreground where σ(z) &gt; 0.5 (DESIGN.md's binary case).</summary>
    BinarySigmoid,
    /// <summary>C ≥ 2 classes: C logit channels, prediction = argmax (DESIGN.md, "Semantic segmentation").</summary>
    Softmax,
}
