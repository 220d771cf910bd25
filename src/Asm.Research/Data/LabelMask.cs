namespace Asm.Research.Data;

/// <summary>A label mask at its own resolution: <paramref name="Values"/> holds Width×Height values in {0,1}, row-major.</summary>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
/// <param name="Values">0 = background, 1 = foreground; index y·Width + x.</param>
public sealed record LabelMask(int Width, int Height, byte[] Values);
