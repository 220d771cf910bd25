using static TorchSharp.torch;

namespace Asm.Research.Metrics;

/// <summary>Collects per-image scores over a test set and summarises them.</summary>
/// <param name="options">How <see cref="Add(Tensor, Tensor)"/> scores (DESIGN.md's defaults when null).</param>
public sealed class MetricAccumulator(MetricOptions? options = null)
{
    private readonly List<ImageScores> images = [];

    /// <summary>The per-image scores added so far, in order.</summary>
    public IReadOnlyList<ImageScores> Images => images;

    /// <summary>Scores one predicted mask against its truth (see <see cref="MaskMetrics.Score"/>) and keeps the result.</summary>
    public void Add(Tensor predicted, Tensor truth) =>
        images.Add(MaskMetrics.Score(predicted, truth, options));

    /// <summary>Keeps already computed scores of one image.</summary>
    public void Add(ImageScores s)
    {
        ArgumentNullException.ThrowIfNull(s);
        images.Add(s);
    }

    /// <summary>
    /// Means over images of every per-image score, plus the pooled foreground IoU
    /// Σ intersections / Σ unions (1 when every mask is empty), which weighs large objects more.
    /// </summary>
    /// <exception cref="InvalidOperationException">Nothing was added.</exception>
    public SegmentationScores Summary()
    {
        if (images.Count == 0)
            throw new InvalidOperationException("No images were scored: add at least one prediction before asking for a summary.");
        long intersection = images.Sum(s => s.Intersection), union = images.Sum(s => s.Union);
        return new SegmentationScores(
            images.Count,
            images.Average(s => s.Iou),
            union == 0 ? 1.0 : (double)intersection / union,
            images.Average(s => s.MIou),
            images.Average(s => s.PixelAcc),
            images.Average(s => s.BoundaryF),
            images.Average(s => s.BoundaryIou));
    }
}
