namespace Asm.Research.Visuals;

/// <summary>An 8-bit RGB colour.</summary>
/// <param name="R">Red.</param>
/// <param name="G">Green.</param>
/// <param name="B">Blue.</param>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    /// <summary>CSS form, e.g. <c>rgb(46,204,64)</c>.</summary>
    public string ToCss() => $"rgb({R},{G},{B})";
}
