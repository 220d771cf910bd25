using Asm.Research.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Losses;

/// <summary>
/// The Adaptive Affinity Fields loss (Ke, Hwang, Liu, Yu, ECCV 2018) for binary masks
/// (DESIGN.md, method <c>aaf</c>), after <c>adaptive_affinity_loss</c> in the authors'
/// twke18/Adaptive_Affinity_Fields (<c>network/aaf/losses.py</c>, <c>layers.py</c>) and its use in
/// <c>pyscripts/train/train_aaf.py</c>. The per-size weights come from <see cref="AffinityFieldWeights"/>.
/// </summary>
public static class AffinityFieldLoss
{
    /// <summary>The authors' kernel sizes 3, 5, 7: neighbours at offsets 1, 2, 3.</summary>
    public static IReadOnlyList<int> DefaultKernelSizes { get; } = Array.AsReadOnly(new[] { 3, 5, 7 });

    /// <summary>
    /// Σ_k [λ_e · mean_{edge pairs} w_e[c_i, k]·max(0, m − KL) + λ_n · mean_{non-edge pairs} w_n[c_i, k]·KL].
    /// For kernel size k the neighbour j of pixel i lies at offset (±s or 0, ±s or 0) ≠ (0, 0),
    /// s = (k − 1)/2 — the eight corners and edge midpoints of the k×k patch. KL = KL(p_j‖p_i) of the
    /// two-class distributions (σ, 1 − σ), each probability clamped to [<paramref name="probabilityFloor"/>, 1]
    /// (no stop-gradient: both pixels receive gradients). A pair is an edge pair when y_i ≠ y_j.
    /// Only pairs with both pixels inside the image count; each unordered pair is counted twice
    /// (once from each end). The means run over every counted pair of the batch for that size;
    /// a size with no edge (or no non-edge) pairs contributes 0 to that term.
    /// </summary>
    /// <param name="logits">Foreground logits, N×1×H×W, float32 or float64.</param>
    /// <param name="target">Binary mask (bool or float), the logits' shape.</param>
    /// <param name="edgeWeights">Normalised weights of the separating term: [K] (shared) or [2, K]
    /// (row c for pixels i labelled c, background 0 / foreground 1, as the authors' per-class
    /// weights), K = number of kernel sizes. Typically <see cref="AffinityFieldWeights.Edge"/>.</param>
    /// <param name="nonEdgeWeights">Normalised weights of the grouping term, shaped as <paramref name="edgeWeights"/>.</param>
    /// <param name="kernelSizes">Odd kernel sizes ≥ 3; null for <see cref="DefaultKernelSizes"/> (3, 5, 7).</param>
    /// <param name="margin">m of the separating term (DESIGN default 3, the authors' <c>--kld-margin</c>).</param>
    /// <param name="edgeLambda">λ_e (DESIGN default 1, the authors' <c>--kld-lambda-1</c>).</param>
    /// <param name="nonEdgeLambda">λ_n (DESIGN default 1, the authors' <c>--kld-lambda-2</c>).</param>
    /// <param name="probabilityFloor">Lower clamp of σ and 1 − σ before the logarithms (authors: 1e-4).</param>
    /// <exception cref="ArgumentException">Bad logits or target (as <see cref="LovaszHinge.WithLogits"/>),
    /// a kernel size that is even or below 3, weights not [K] or [2, K], or a margin, λ or floor out of range.</exception>
    public static Tensor WithLogits(
        Tensor logits, Tensor target, Tensor edgeWeights, Tensor nonEdgeWeights,
        IReadOnlyList<int>? kernelSizes = null, double margin = 3.0,
        double edgeLambda = 1.0, double nonEdgeLambda = 1.0, double probabilityFloor = 1e-4)
    {
        var y = MaskLossInputs.CheckedTarget(logits, target, "Affinity field loss", binary: true);
        kernelSizes ??= DefaultKernelSizes;
        AffinityPairs.CheckSettings("Affinity field loss", kernelSizes, margin, edgeLambda, nonEdgeLambda, probabilityFloor);
        var edgeW = CheckedWeights(edgeWeights, kernelSizes.Count, nameof(edgeWeights)).to_type(logits.dtype);
        var nonEdgeW = CheckedWeights(nonEdgeWeights, kernelSizes.Count, nameof(nonEdgeWeights)).to_type(logits.dtype);

        using var scalars = new ScalarScope();
        Scalar floor = scalars.Of(probabilityFloor), one = scalars.Of(1.0);
        var p = sigmoid(logits);
        var positive = p.clamp(floor, one);
        var negative = scalars.Subtract(1, p).clamp(floor, one);
        Tensor? total = null;
        for (int k = 0; k < kernelSizes.Count; k++)
        {
            int s = (kernelSizes[k] - 1) / 2;
            // Weight of the pair (i, j) by the label of pixel i, as the authors' per-class weights.
            var wEdge = WeightPerPixel(edgeW, k, y, scalars);
            var wNonEdge = WeightPerPixel(nonEdgeW, k, y, scalars);
            Tensor? edgeSum = null, nonEdgeSum = null;
            long edgeCount = 0, nonEdgeCount = 0;
            foreach (var (dy, dx) in AffinityPairs.Offsets(s))
            {
                long rows = y.shape[2] - Math.Abs(dy), cols = y.shape[3] - Math.Abs(dx);
                if (rows <= 0 || cols <= 0) continue;
                Tensor Centre(Tensor t) => t.narrow(2, Math.Max(0, -dy), rows).narrow(3, Math.Max(0, -dx), cols);
                Tensor Neighbour(Tensor t) => t.narrow(2, Math.Max(0, dy), rows).narrow(3, Math.Max(0, dx), cols);
                var pj = Neighbour(positive);
                var qj = Neighbour(negative);
                var kl = scalars.Add(pj * (pj / Centre(positive)).log(), qj * (qj / Centre(negative)).log());
                var differs = Centre(y).ne(Neighbour(y));
                long edges = differs.count_nonzero().item<long>();
                var edge = differs.to_type(logits.dtype);
                edgeCount += edges;
                nonEdgeCount += edge.numel() - edges;
                var separating = (Centre(wEdge) * nn.functional.relu(scalars.Subtract(margin, kl)) * edge).sum();
                var grouping = (Centre(wNonEdge) * kl * scalars.Subtract(1, edge)).sum();
                edgeSum = edgeSum is null ? separating : scalars.Add(edgeSum, separating);
                nonEdgeSum = nonEdgeSum is null ? grouping : scalars.Add(nonEdgeSum, grouping);
            }
            if (edgeSum is null || nonEdgeSum is null) continue; // the image is smaller than s + 1 both ways
            var term = AffinityPairs.SizeTerm(edgeSum, edgeCount, nonEdgeSum, nonEdgeCount, edgeLambda, nonEdgeLambda, scalars);
            total = total is null ? term : scalars.Add(total, term);
        }
        return total ?? AffinityPairs.NoPairs(logits, edgeW, nonEdgeW, scalars);
    }

    // N×1×H×W weights of kernel size k: w[k] everywhere, or w[c, k] for pixels labelled c.
    private static Tensor WeightPerPixel(Tensor weights, int k, Tensor y, ScalarScope scalars) => weights.dim() == 1
        ? weights[k].expand_as(y)
        : scalars.Add(weights[0, k] * scalars.Subtract(1, y), weights[1, k] * y);

    private static Tensor CheckedWeights(Tensor weights, int sizes, string name)
    {
        ArgumentNullException.ThrowIfNull(weights, name);
        bool shared = weights.dim() == 1 && weights.shape[0] == sizes;
        bool perClass = weights.dim() == 2 && weights.shape[0] == 2 && weights.shape[1] == sizes;
        if (!shared && !perClass)
            throw new ArgumentException(
                $"Affinity field loss: {name} must be [{sizes}] or [2, {sizes}] for {sizes} kernel size(s) (got [{string.Join(", ", weights.shape)}]).", name);
        return weights;
    }
}
