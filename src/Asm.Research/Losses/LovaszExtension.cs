using Asm.Research.Platform;
using static TorchSharp.torch;

namespace Asm.Research.Losses;

/// <summary>The Lovász extension of the Jaccard loss (Berman et al. 2018, Alg. 1), shared by the hinge and the softmax forms.</summary>
internal static class LovaszExtension
{
    /// <summary>
    /// Rows of ground truth sorted by decreasing error → rows of the extension's gradient. The union is ≥ 1 from
    /// the first pixel on, even for an empty mask.
    /// </summary>
    public static Tensor JaccardGradient(Tensor sortedTruth)
    {
        using var s = new ScalarScope();
        var foreground = sortedTruth.sum(1, keepdim: true);
        var intersection = foreground - sortedTruth.cumsum(1);
        var union = s.Add(foreground, s.Subtract(1, sortedTruth).cumsum(1));
        var jaccard = s.Subtract(1, intersection / union);
        long pixels = jaccard.shape[1];
        if (pixels == 1) return jaccard;
        return cat([jaccard.narrow(1, 0, 1), jaccard.narrow(1, 1, pixels - 1) - jaccard.narrow(1, 0, pixels - 1)], 1);
    }
}
