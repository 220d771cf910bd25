namespace Asm.Research.Metrics;

/// <summary>How boundary F chooses its matching tolerance.</summary>
public enum BoundaryTolerance
{
    /// <summary>A fixed number of pixels (default 2).</summary>
    Pixels,
    /// <summary>The DAVIS benchmark's convention: ⌈0.008 × image diagonal⌉ pixels.</summary>
    Davis,
}

/// <summary>How boundary IoU strips a mask's inner band of width d.</summary>
public enum BoundaryErosion
{
    /// <summary>d erosions by a 3×3 square (chessboard distance), as Cheng et al.'s released code.</summary>
    Square,
    /// <summary>One erosion by a Euclidean disk of radius d.</summary>
    Disk,
}

/// <summary>The options of <see cref="MaskMetrics.Score"/>; the defaults are DESIGN.md's.</summary>
/// <param name="Tolerance">Boundary F tolerance rule.</param>
/// <param name="TolerancePixels">Boundary F tolerance in pixels under <see cref="BoundaryTolerance.Pixels"/>.</param>
/// <param name="BoundaryIouDilation">Boundary IoU's d as a fraction of the image diagonal.</param>
/// <param name="BoundaryIouErosion">Boundary IoU's erosion.</param>
public sealed record MetricOptions(
    BoundaryTolerance Tolerance = BoundaryTolerance.Pixels,
    int TolerancePixels = 2,
    double BoundaryIouDilation = 0.02,
    BoundaryErosion BoundaryIouErosion = BoundaryErosion.Square)
{
    /// <summary>DESIGN.md's defaults.</summary>
    public static MetricOptions Default { get; } = new();

    /// <summary>Boundary F's tolerance in pixels for an image of the given size.</summary>
    public int TolerancePixelsFor(long height, long width) => Tolerance == BoundaryTolerance.Davis
        ? (int)Math.Ceiling(0.008 * Diagonal(height, width))
        : TolerancePixels;

    /// <summary>Boundary IoU's d for an image of the given size: max(1, round(dilation × diagonal)).</summary>
    public int BoundaryIouDistance(long height, long width) => Math.Max(1, (int)Math.Round(BoundaryIouDilation * Diagonal(height, width)));

    /// <summary>A short name of these definitions for run records, e.g. "boundary_f: 2 px; boundary_iou: square, d = 0.02·diagonal".</summary>
    public string Describe() =>
        $"boundary_f: {(Tolerance == BoundaryTolerance.Davis ? "DAVIS ⌈0.008·diagonal⌉ px" : $"{TolerancePixels} px")}; " +
        $"boundary_iou: {BoundaryIouErosion.ToString().ToLowerInvariant()} erosion, d = {BoundaryIouDilation}·diagonal";

    private static double Diagonal(long height, long width) => Math.Sqrt((double)height * height + (double)width * width);
}
