using Asm.Research.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Training.Heads;

/// <summary>Figure-ground: one logit channel, p = σ(z), foreground where p &gt; 0.5 (DESIGN.md's binary case, its arithmetic unchanged).</summary>
public sealed class SigmoidHead : IOutputHead
{
    /// <inheritdoc />
    public string SupervisedName => "bce";
    /// <inheritdoc />
    public Tensor Supervised(Tensor logits, Tensor labels) => BceLoss.WithLogits(logits, labels);
    /// <inheritdoc />
    public Tensor PredictionMap(Tensor logits, Tensor labels) => sigmoid(logits);
    /// <inheritdoc />
    public Tensor TruthMap(Tensor labels) => labels;
    /// <inheritdoc />
    public Tensor HardNegative(Tensor predictionMap, Tensor labels)
    {
        using var half = 0.5.ToScalar();
        return predictionMap.gt(half).to_type(predictionMap.dtype);
    }
    /// <inheritdoc />
    public Tensor Reconstruction(Tensor reconstructionLogits, Tensor labels) => AsmLosses.Reconstruction(reconstructionLogits, labels);
    /// <inheritdoc />
    public Tensor Predict(Tensor logits)
    {
        using var zero = 0.ToScalar();
        return logits.gt(zero).squeeze(1).to_type(ScalarType.Int64);
    }
}
