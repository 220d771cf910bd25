namespace Asm.Research.Data;

/// <summary>One image at working size, ready to batch.</summary>
/// <param name="Name">The file stem (e.g. horse201) or the synthetic sample's name.</param>
/// <param name="Image">3×Height×Width RGB in [0,1], CHW, row-major, not normalised.</param>
/// <param name="Mask">
/// Height×Width labels, row-major: 0/1 for a binary task; class indices 0…C−1 and
/// <see cref="Tasks.SegmentationTask.VoidLabel"/> (255) for void in a multi-class one.
/// </param>
/// <param name="Height">The working height.</param>
/// <param name="Width">The working width.</param>
/// <param name="Original">The ground truth at its own (file) resolution, same labels as <paramref name="Mask"/>, for metrics at original resolution.</param>
public sealed record SegmentationSample(string Name, float[] Image, float[] Mask, int Height, int Width, LabelMask Original);
