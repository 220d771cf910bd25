using static TorchSharp.torch;

namespace Asm.Research.Training.Heads;

/// <summary>
/// What the task's output kind means for training and evaluation, in one place: how S's logits become the
/// label maps the analyzer and the discriminator read, the hard negative, the supervised and reconstruction
/// losses, and the predicted labels. <see cref="SigmoidHead"/> is the binary case (DESIGN.md's arithmetic, unchanged);
/// <see cref="SoftmaxHead"/> the multi-class one. Labels are the batch's N×1×H×W maps (0/1, or class indices and 255 for void).
/// </summary>
public interface IOutputHead
{
    /// <summary>The supervised loss's log name: "bce" or "ce".</summary>
    string SupervisedName { get; }

    /// <summary>S's per-pixel supervised loss: BCE on the logits, or cross-entropy with void ignored (and the class weights).</summary>
    Tensor Supervised(Tensor logits, Tensor labels);

    /// <summary>The prediction as a label map for A and D: σ(z) (N×1×H×W), or softmax(z) zeroed at void pixels (N×C×H×W).</summary>
    Tensor PredictionMap(Tensor logits, Tensor labels);

    /// <summary>The truth as a label map for A and D: y itself, or one-hot(y) with zero vectors at void pixels.</summary>
    Tensor TruthMap(Tensor labels);

    /// <summary>The hard negative from a (detached) prediction map: 1[p &gt; 0.5], or one-hot(argmax p) zeroed at void pixels.</summary>
    Tensor HardNegative(Tensor predictionMap, Tensor labels);

    /// <summary>A's reconstruction loss against the truth: BCE on its logit, or cross-entropy over its C logits with void ignored (no class weights).</summary>
    Tensor Reconstruction(Tensor reconstructionLogits, Tensor labels);

    /// <summary>Predicted labels N×H×W (int64) from logits N×K×H×W: 1[z &gt; 0], or argmax over the classes.</summary>
    Tensor Predict(Tensor logits);
}
