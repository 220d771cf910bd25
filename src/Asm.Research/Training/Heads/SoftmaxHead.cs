using Asm.Research.Losses;
using static TorchSharp.torch;

namespace Asm.Research.Training.Heads;

/// <summary>
/// C classes: C logit channels, p = softmax(z), prediction = argmax (DESIGN.md, "Semantic segmentation"). At void
/// pixels the truth, the prediction map and the hard negative are all zero vectors, so A gets no cue from void
/// and S is not pushed towards a vector a softmax cannot reach.
/// </summary>
/// <param name="classes">C.</param>
/// <param name="classWeights">Cross-entropy's class weights (C values on the run's device), or null for none.</param>
public sealed class SoftmaxHead(int classes, Tensor? classWeights = null) : IOutputHead
{
    /// <summary>C.</summary>
    public int Classes { get; } = classes;

    /// <summary>Cross-entropy's class weights, or null.</summary>
    public Tensor? ClassWeights { get; } = classWeights;

    /// <inheritdoc />
    public string SupervisedName => "ce";
    /// <inheritdoc />
    public Tensor Supervised(Tensor logits, Tensor labels) => CrossEntropyLoss.WithLogits(logits, labels, ClassWeights);
    /// <inheritdoc />
    public Tensor PredictionMap(Tensor logits, Tensor labels) => nn.functional.softmax(logits, 1).mul(OneHotLabels.ValidMask(labels, logits.dtype));
    /// <inheritdoc />
    public Tensor TruthMap(Tensor labels) => OneHotLabels.Encode(labels, Classes, ScalarType.Float32);
    /// <inheritdoc />
    public Tensor HardNegative(Tensor predictionMap, Tensor labels) =>
        OneHotLabels.Encode(predictionMap.argmax(1), Classes, predictionMap.dtype).mul(OneHotLabels.ValidMask(labels, predictionMap.dtype));
    /// <inheritdoc />
    public Tensor Reconstruction(Tensor reconstructionLogits, Tensor labels) => CrossEntropyLoss.WithLogits(reconstructionLogits, labels);
    /// <inheritdoc />
    public Tensor Predict(Tensor logits) => logits.argmax(1);
}
