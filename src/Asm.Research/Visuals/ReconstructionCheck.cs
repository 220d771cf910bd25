namespace Asm.Research.Visuals;

/// <summary>How well the structure analyzer reconstructs ground-truth masks (it must stay an auto-encoder).</summary>
/// <param name="MeanIou">Foreground IoU of the thresholded reconstruction, averaged over the masks.</param>
/// <param name="PerImage">That IoU per mask, in the samples' order.</param>
/// <param name="Gallery">Some masks beside their reconstructions and the error maps between them.</param>
public sealed record ReconstructionCheck(double MeanIou, IReadOnlyList<double> PerImage, Gallery Gallery);
