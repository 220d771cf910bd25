namespace Asm.Research.Data;

/// <summary>A label map at its own resolution: <paramref name="Values"/> holds Width×Height labels, row-major.</summary>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
/// <param name="Values">
/// Binary task: 0 = background, 1 = foreground. Multi-class: class indices 0…C−1 and
/// <see cref="Tasks.SegmentationTask.VoidLabel"/> (255) for void. Index y·Width + x.
/// </param>
public sealed record LabelMask(int Width, int Height, byte[] Values);
