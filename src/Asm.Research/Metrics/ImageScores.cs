namespace Asm.Research.Metrics;

/// <summary>
/// Scores of one predicted mask against its ground truth, with the raw counts needed to pool
/// over a test set.
/// </summary>
/// <param name="Iou">Foreground IoU (1 when both masks are empty).</param>
/// <param name="MIou">Mean of background and foreground IoU.</param>
/// <param name="PixelAcc">Fraction of pixels labelled correctly.</param>
/// <param name="BoundaryF">Boundary F-score within the pixel tolerance.</param>
/// <param name="BoundaryIou">Boundary IoU (Cheng et al. 2021).</param>
/// <param name="Intersection">Foreground pixels in both masks.</param>
/// <param name="Union">Foreground pixels in either mask.</param>
/// <param name="Correct">Pixels where the masks agree.</param>
/// <param name="Pixels">Pixels in the image.</param>
public sealed record ImageScores(
    double Iou, double MIou, double PixelAcc, double BoundaryF, double BoundaryIou,
    long Intersection, long Union, long Correct, long Pixels);
