using Asm.Research.Platform;
using static TorchSharp.torch;

namespace Asm.Research.Losses;

/// <summary>What the binary and the multi-class affinity field losses share: the neighbour offsets, the settings' checks and
/// the arithmetic that combines the pair sums.</summary>
internal static class AffinityPairs
{
    /// <summary>The 8 offsets (dy, dx) ∈ {−s, 0, s}² \ {(0, 0)}: the corners and edge midpoints of a (2s+1)² patch.</summary>
    public static IEnumerable<(int Dy, int Dx)> Offsets(int s)
    {
        for (int dy = -s; dy <= s; dy += s)
            for (int dx = -s; dx <= s; dx += s)
                if (dy != 0 || dx != 0) yield return (dy, dx);
    }

    /// <summary>One kernel size's term: λ_e · edgeSum / max(edges, 1) + λ_n · nonEdgeSum / max(non-edges, 1).</summary>
    public static Tensor SizeTerm(Tensor edgeSum, long edgeCount, Tensor nonEdgeSum, long nonEdgeCount,
        double edgeLambda, double nonEdgeLambda, ScalarScope scalars) => scalars.Add(
            edgeSum.mul(scalars.Of(edgeLambda)).div(scalars.Of(Math.Max(edgeCount, 1))),
            nonEdgeSum.mul(scalars.Of(nonEdgeLambda)).div(scalars.Of(Math.Max(nonEdgeCount, 1))));

    /// <summary>The loss without any pair: 0, still connected to the logits and weights so backward works.</summary>
    public static Tensor NoPairs(Tensor logits, Tensor edgeWeights, Tensor nonEdgeWeights, ScalarScope scalars) =>
        scalars.Add(scalars.Add(logits.sum(), edgeWeights.sum()), nonEdgeWeights.sum()).mul(scalars.Of(0));

    /// <summary>Throws, naming <paramref name="loss"/> and the setting, unless every setting is usable.</summary>
    public static void CheckSettings(string loss, IReadOnlyList<int> kernelSizes, double margin, double edgeLambda, double nonEdgeLambda, double floor)
    {
        if (kernelSizes.Count == 0)
            throw new ArgumentException($"{loss}: at least one kernel size is needed.", nameof(kernelSizes));
        foreach (int size in kernelSizes)
            if (size < 3 || size % 2 == 0)
                throw new ArgumentException($"{loss}: kernel sizes must be odd and at least 3 (got {size}).", nameof(kernelSizes));
        if (!(margin >= 0)) throw new ArgumentException($"{loss}: margin must be ≥ 0 (got {margin}).", nameof(margin));
        if (!(edgeLambda >= 0)) throw new ArgumentException($"{loss}: edge λ must be ≥ 0 (got {edgeLambda}).", nameof(edgeLambda));
        if (!(nonEdgeLambda >= 0)) throw new ArgumentException($"{loss}: non-edge λ must be ≥ 0 (got {nonEdgeLambda}).", nameof(nonEdgeLambda));
        if (!(floor > 0 && floor < 1)) throw new ArgumentException($"{loss}: probability floor must be in (0, 1) (got {floor}).", nameof(floor));
    }
}
