namespace Asm.Research.Data;

/// <summary>A label-mask PNG as stored (<see cref="ImageFiles.ReadMask"/>), before its values or colours become labels.</summary>
/// <param name="Path">The file, for messages.</param>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
/// <param name="IsColour">
/// False for an 8-bit grey PNG (a class-index mask: <paramref name="Pixels"/> holds one value per pixel);
/// true for an RGB, RGBA or palette PNG (a colour mask: <paramref name="Pixels"/> holds R, G, B per pixel).
/// </param>
/// <param name="Pixels">Row-major: Width×Height values, or 3×Width×Height interleaved RGB bytes.</param>
public sealed record MaskFile(string Path, int Width, int Height, bool IsColour, byte[] Pixels);
