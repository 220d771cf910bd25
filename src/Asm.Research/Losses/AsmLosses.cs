using Asm.Research.Platform;
using static TorchSharp.torch;

namespace Asm.Research.Losses;

/// <summary>
/// The losses of adversarial structure matching (DESIGN.md), over analyzer features φ₁…φ₉ given
/// raw (pre-normalisation); layers are 1-based indices into those lists.
/// </summary>
public static class AsmLosses
{
    /// <summary>
    /// Structure-matching loss, minimised by S:
    /// Σ_{l∈layers} mean_pixels Σ_c (φ̂_l(y) − φ̂_l(p))², with φ̂ the per-pixel L2-normalised
    /// features (the mean runs over batch and pixels).
    /// </summary>
    /// <exception cref="ArgumentException">No layers, a layer outside the lists, or features of different shapes.</exception>
    public static Tensor Match(IReadOnlyList<Tensor> truth, IReadOnlyList<Tensor> prediction, IReadOnlyList<int> layers)
    {
        return SumOverLayers(truth, prediction, layers, distance => distance.mean());
    }

    /// <summary>
    /// Adversarial hinge, minimised by A: Σ_{l∈layers} mean_pixels max(0, m − Σ_c (φ̂_l(y) − φ̂_l(n))²).
    /// It pushes the hard negative's features at least <paramref name="margin"/> away from the
    /// truth's; its ceiling is |layers|·m, reached when the negative equals the truth.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="Match"/>.</exception>
    public static Tensor Hinge(IReadOnlyList<Tensor> truth, IReadOnlyList<Tensor> negative, IReadOnlyList<int> layers, double margin)
    {
        using var s = new ScalarScope();
        return SumOverLayers(truth, negative, layers, distance => nn.functional.relu(s.Subtract(margin, distance)).mean());
    }

    /// <summary>Reconstruction loss of A: BCEWithLogits(A_rec(y), y), mean over pixels.</summary>
    public static Tensor Reconstruction(Tensor reconstructionLogits, Tensor truth) => BceLoss.WithLogits(reconstructionLogits, truth);

    /// <summary>
    /// Weight of the adversarial loss at step <paramref name="step"/> of <paramref name="totalSteps"/>:
    /// λ_adv · 10^(−t/T) when <paramref name="decay"/> is set (λ at the start, λ/10 at the end), else λ_adv.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A decayed weight with totalSteps ≤ 0.</exception>
    public static double AdversarialWeight(double lambdaAdv, bool decay, long step, long totalSteps)
    {
        if (!decay) return lambdaAdv;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSteps);
        return lambdaAdv * Math.Pow(10, -(double)step / totalSteps);
    }

    private static Tensor SumOverLayers(IReadOnlyList<Tensor> a, IReadOnlyList<Tensor> b, IReadOnlyList<int> layers, Func<Tensor, Tensor> perLayer)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0) throw new ArgumentException("At least one analyzer layer must be matched.", nameof(layers));
        using var s = new ScalarScope();
        Tensor? total = null;
        foreach (int layer in layers)
        {
            if (layer < 1 || layer > a.Count || layer > b.Count)
                throw new ArgumentException(
                    $"Layer {layer} is not available: layers are 1-based and only φ1…φ{Math.Min(a.Count, b.Count)} were computed " +
                    "(run the analyzer up to the deepest matched layer).", nameof(layers));
            Tensor fa = a[layer - 1], fb = b[layer - 1];
            if (!fa.shape.SequenceEqual(fb.shape))
                throw new ArgumentException(
                    $"φ{layer} shapes differ: [{string.Join(", ", fa.shape)}] vs [{string.Join(", ", fb.shape)}].", nameof(b));
            // Squared distance between unit vectors, per pixel: N×H×W, in [0, 4].
            var distance = (FeatureNormalization.L2AcrossChannels(fa) - FeatureNormalization.L2AcrossChannels(fb)).pow(s.Of(2)).sum(1);
            var term = perLayer(distance);
            total = total is null ? term : s.Add(total, term);
        }
        return total!;
    }
}
