using Asm.Research.Platform;
using static TorchSharp.torch;

namespace Asm.Research.Losses;

/// <summary>
/// The Adaptive Affinity Fields loss (Ke, Hwang, Liu, Yu, ECCV 2018) for C-class softmax
/// predictions: the multi-class counterpart of <see cref="AffinityFieldLoss"/>, with the same
/// pairs, terms, means and per-size weights, void pixels left out.
/// </summary>
public static class ClassAffinityFieldLoss
{
    /// <summary>
    /// Σ_k [λ_e · mean_{edge pairs} w_e[y_i, k]·max(0, m − KL) + λ_n · mean_{non-edge pairs} w_n[y_i, k]·KL].
    /// For kernel size k the neighbour j of pixel i lies at offset (±s or 0, ±s or 0) ≠ (0, 0),
    /// s = (k − 1)/2. KL = KL(p_j‖p_i) = Σ_c p_{j,c}·log(p_{j,c}/p_{i,c}) of the softmax distributions over
    /// the C classes, each probability clamped to [<paramref name="probabilityFloor"/>, 1] (as the
    /// binary loss, gradients reach both pixels). A pair is an edge pair when y_i ≠ y_j; a pair with a
    /// void pixel (or a neighbour outside the image) is not counted. Each unordered pair is counted
    /// from both ends; the means run over the counted pairs of the batch for that size, and a size
    /// with no edge (or non-edge) pairs contributes 0 to that term. For C = 2 this equals
    /// <see cref="AffinityFieldLoss.WithLogits"/> on the logit difference z₁ − z₀.
    /// </summary>
    /// <param name="logits">N×C×H×W, float32 or float64.</param>
    /// <param name="labels">N×H×W or N×1×H×W class indices 0…C−1, <see cref="OneHotLabels.Void"/> = void.</param>
    /// <param name="edgeWeights">Normalised weights of the separating term: [K] (shared) or [C, K]
    /// (row c for centre pixels labelled c), K = number of kernel sizes; e.g. <see cref="AffinityFieldWeights.Edge"/> of
    /// <c>new AffinityFieldWeights(perClass: false)</c> (that module's per-class form is [2, K], for C = 2 only).</param>
    /// <param name="nonEdgeWeights">Normalised weights of the grouping term, shaped as <paramref name="edgeWeights"/>.</param>
    /// <param name="kernelSizes">Odd kernel sizes ≥ 3; null for <see cref="AffinityFieldLoss.DefaultKernelSizes"/> (3, 5, 7).</param>
    /// <param name="margin">m of the separating term (default 3).</param>
    /// <param name="edgeLambda">λ_e (default 1).</param>
    /// <param name="nonEdgeLambda">λ_n (default 1).</param>
    /// <param name="probabilityFloor">Lower clamp of each probability before the logarithms (authors: 1e-4).</param>
    /// <exception cref="ArgumentException">Bad logits or labels (as <see cref="CrossEntropyLoss.WithLogits"/>),
    /// a kernel size that is even or below 3, weights not [K] or [C, K], or a margin, λ or floor out of range.</exception>
    public static Tensor WithLogits(
        Tensor logits, Tensor labels, Tensor edgeWeights, Tensor nonEdgeWeights,
        IReadOnlyList<int>? kernelSizes = null, double margin = 3.0,
        double edgeLambda = 1.0, double nonEdgeLambda = 1.0, double probabilityFloor = 1e-4)
    {
        const string Loss = "Class affinity field loss";
        var y = ClassLabelInputs.Checked(logits, labels, Loss).unsqueeze(1);
        kernelSizes ??= AffinityFieldLoss.DefaultKernelSizes;
        AffinityPairs.CheckSettings("Class affinity field loss", kernelSizes, margin, edgeLambda, nonEdgeLambda, probabilityFloor);
        long classes = logits.shape[1];
        var edgeW = CheckedWeights(edgeWeights, classes, kernelSizes.Count, nameof(edgeWeights)).to_type(logits.dtype);
        var nonEdgeW = CheckedWeights(nonEdgeWeights, classes, kernelSizes.Count, nameof(nonEdgeWeights)).to_type(logits.dtype);

        using var scalars = new ScalarScope();
        var valid = y.ne(scalars.Of(OneHotLabels.Void));
        // Void pixels borrow class 0 for the weight lookup; every pair they are in is masked out.
        var centreClass = y.masked_fill(valid.logical_not(), scalars.Of(0));
        var q = nn.functional.softmax(logits, 1).clamp(scalars.Of(probabilityFloor), scalars.Of(1.0));
        var logQ = q.log();
        Tensor? total = null;
        for (int k = 0; k < kernelSizes.Count; k++)
        {
            int s = (kernelSizes[k] - 1) / 2;
            var wEdge = WeightPerPixel(edgeW, k, centreClass);
            var wNonEdge = WeightPerPixel(nonEdgeW, k, centreClass);
            Tensor? edgeSum = null, nonEdgeSum = null;
            long edgeCount = 0, nonEdgeCount = 0;
            foreach (var (dy, dx) in AffinityPairs.Offsets(s))
            {
                long rows = y.shape[2] - Math.Abs(dy), cols = y.shape[3] - Math.Abs(dx);
                if (rows <= 0 || cols <= 0) continue;
                Tensor Centre(Tensor t) => t.narrow(2, Math.Max(0, -dy), rows).narrow(3, Math.Max(0, -dx), cols);
                Tensor Neighbour(Tensor t) => t.narrow(2, Math.Max(0, dy), rows).narrow(3, Math.Max(0, dx), cols);
                var qj = Neighbour(q);
                var kl = (qj * (Neighbour(logQ) - Centre(logQ))).sum(1, keepdim: true);
                var counted = Centre(valid).logical_and(Neighbour(valid));
                var differs = Centre(y).ne(Neighbour(y)).logical_and(counted);
                var same = Centre(y).eq(Neighbour(y)).logical_and(counted);
                edgeCount += differs.count_nonzero().item<long>();
                nonEdgeCount += same.count_nonzero().item<long>();
                // where, not a product with the mask: keeps a pair left out from reaching the gradient at all.
                var separating = where(differs, Centre(wEdge) * nn.functional.relu(scalars.Subtract(margin, kl)), zeros_like(kl)).sum();
                var grouping = where(same, Centre(wNonEdge) * kl, zeros_like(kl)).sum();
                edgeSum = edgeSum is null ? separating : scalars.Add(edgeSum, separating);
                nonEdgeSum = nonEdgeSum is null ? grouping : scalars.Add(nonEdgeSum, grouping);
            }
            if (edgeSum is null || nonEdgeSum is null) continue; // the image is smaller than s + 1 both ways
            var term = AffinityPairs.SizeTerm(edgeSum, edgeCount, nonEdgeSum, nonEdgeCount, edgeLambda, nonEdgeLambda, scalars);
            total = total is null ? term : scalars.Add(total, term);
        }
        return total ?? AffinityPairs.NoPairs(logits, edgeW, nonEdgeW, scalars);
    }

    // N×1×H×W weights of kernel size k: w[k] everywhere, or w[c, k] for centre pixels of class c.
    private static Tensor WeightPerPixel(Tensor weights, int k, Tensor centreClass) => weights.dim() == 1
        ? weights[k].expand(centreClass.shape)
        : weights.select(1, k).take(centreClass);

    private static Tensor CheckedWeights(Tensor weights, long classes, int sizes, string name)
    {
        ArgumentNullException.ThrowIfNull(weights, name);
        bool shared = weights.dim() == 1 && weights.shape[0] == sizes;
        bool perClass = weights.dim() == 2 && weights.shape[0] == classes && weights.shape[1] == sizes;
        if (!shared && !perClass)
            throw new ArgumentException(
                $"Class affinity field loss: {name} must be [{sizes}] or [{classes}, {sizes}] for {classes} classes and {sizes} kernel size(s) (got [{string.Join(", ", weights.shape)}]).", name);
        return weights;
    }
}
