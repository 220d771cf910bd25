using Asm.Research.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Losses;

/// <summary>The input checks shared by the multi-class losses on N×C×H×W logits and N×H×W label maps.</summary>
internal static class ClassLabelInputs
{
    /// <summary>
    /// Throws unless <paramref name="scores"/> (logits or probabilities) is a floating N×C×H×W tensor
    /// and <paramref name="labels"/> a matching label map (see <see cref="CheckedLabels"/>);
    /// returns the labels as N×H×W int64 on the scores' device.
    /// </summary>
    public static Tensor Checked(Tensor scores, Tensor labels, string loss, string scoresName = "logits")
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.dim() != 4 || scores.shape[1] < 1)
            throw new ArgumentException(
                $"{loss}: {scoresName} must be N×C×H×W (got [{string.Join(", ", scores.shape)}]).", scoresName);
        if (!scores.is_floating_point())
            throw new ArgumentException($"{loss}: {scoresName} must be floating point (got {scores.dtype}).", scoresName);
        long[] expected = [scores.shape[0], scores.shape[2], scores.shape[3]];
        return CheckedLabels(labels, checked((int)scores.shape[1]), loss, expected).to(scores.device);
    }

    /// <summary>
    /// Throws unless <paramref name="labels"/> is N×H×W or N×1×H×W (N, H, W as
    /// <paramref name="expected"/> when given), of an integer or floating dtype with whole values,
    /// each in 0…C−1 or <see cref="OneHotLabels.Void"/>; returns them as N×H×W int64.
    /// </summary>
    public static Tensor CheckedLabels(Tensor labels, int classes, string loss, long[]? expected = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (classes < 1 || classes > OneHotLabels.Void)
            throw new ArgumentException(
                $"{loss}: the class count must be in 1..{OneHotLabels.Void} ({OneHotLabels.Void} is void; got {classes}).", nameof(classes));
        var y = labels.dim() == 4 && labels.shape[1] == 1 ? labels.squeeze(1) : labels;
        if (y.dim() != 3)
            throw new ArgumentException(
                $"{loss}: labels must be N×H×W or N×1×H×W (got [{string.Join(", ", labels.shape)}]).", nameof(labels));
        if (expected is not null && !y.shape.SequenceEqual(expected))
            throw new ArgumentException(
                $"{loss}: labels [{string.Join(", ", labels.shape)}] do not match the scores' N×H×W [{string.Join(", ", expected)}].", nameof(labels));
        if (y.dtype == ScalarType.Bool || y.is_complex())
            throw new ArgumentException($"{loss}: labels must hold class indices, integer or floating (got {y.dtype}).", nameof(labels));
        if (y.is_floating_point())
        {
            if (y.ne(y.round()).any().item<bool>())
                throw new ArgumentException($"{loss}: floating-point labels must hold whole class indices.", nameof(labels));
        }
        y = y.to_type(ScalarType.Int64);
        using var s = new ScalarScope();
        var bad = y.lt(s.Of(0)).logical_or(y.ge(s.Of(classes))).logical_and(y.ne(s.Of(OneHotLabels.Void)));
        if (bad.any().item<bool>())
        {
            long value = y.masked_select(bad)[0].item<long>();
            throw new ArgumentException(
                $"{loss}: label {value} is outside 0..{classes - 1} and is not void ({OneHotLabels.Void}).", nameof(labels));
        }
        return y;
    }

    /// <summary>Returns the class weights as a [C] tensor in <paramref name="dtype"/>, or throws.</summary>
    public static Tensor CheckedClassWeights(Tensor weights, long classes, ScalarType dtype, Device device, string loss)
    {
        if (weights.dim() != 1 || weights.shape[0] != classes)
            throw new ArgumentException(
                $"{loss}: class weights must be [{classes}] (got [{string.Join(", ", weights.shape)}]).", nameof(weights));
        if (weights.dtype == ScalarType.Bool || weights.is_complex())
            throw new ArgumentException($"{loss}: class weights must be real numbers (got {weights.dtype}).", nameof(weights));
        var w = weights.to(dtype, device);
        using var zero = 0.ToScalar();
        if (!w.isfinite().all().item<bool>() || w.lt(zero).any().item<bool>())
            throw new ArgumentException($"{loss}: class weights must be finite and ≥ 0.", nameof(weights));
        return w;
    }
}
