using Asm.Research.Metrics;

namespace Asm.Research.Configuration;

/// <summary>How test predictions are scored (DESIGN.md's metrics); every option is named in the run's record.</summary>
public sealed record EvaluationConfig
{
    /// <summary>Boundary F's matching tolerance: a fixed number of pixels, or the DAVIS convention ⌈0.008 × diagonal⌉.</summary>
    public BoundaryTolerance BoundaryTolerance { get; init; } = BoundaryTolerance.Pixels;
    /// <summary>The tolerance in pixels when <see cref="BoundaryTolerance"/> is Pixels.</summary>
    public int BoundaryTolerancePixels { get; init; } = 2;
    /// <summary>Boundary IoU's d as a fraction of the image diagonal (Cheng et al.: 0.02).</summary>
    public double BoundaryIouDilation { get; init; } = 0.02;
    /// <summary>
    /// How boundary IoU erodes a mask: Square, d erosions by a 3×3 square as Cheng et al.'s released
    /// code does (chessboard distance, the default); or Disk, one erosion by a Euclidean disk of radius d
    /// (the kit's definition before 2026-12; the 12 reproduction records of docs/results use it).
    /// </summary>
    public BoundaryErosion BoundaryIouErosion { get; init; } = BoundaryErosion.Square;

    /// <summary>The scoring options these settings name.</summary>
    public MetricOptions ToMetricOptions() => new(BoundaryTolerance, BoundaryTolerancePixels, BoundaryIouDilation, BoundaryIouErosion);
}
