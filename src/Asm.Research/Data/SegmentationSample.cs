namespace Asm.Research.Data;

/// <summary>One image at working size, ready to batch.</summary>
/// <param name="Name">The file stem (e.g. horse201) or the synthetic sample's name.</param>
/// <param name="Image">3×Size×Size RGB in [0,1], CHW, row-major, not normalised.</param>
/// <param name="Mask">Size×Size, values in {0,1}, row-major.</param>
/// <param name="Size">The working side length.</param>
/// <param name="Original">The ground-truth mask at its own (file) resolution, binarised, for metrics at original resolution.</param>
public sealed record SegmentationSample(string Name, float[] Image, float[] Mask, int Size, LabelMask Original);
