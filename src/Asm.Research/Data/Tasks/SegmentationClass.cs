using System.Globalization;

namespace Asm.Research.Data.Tasks;

/// <summary>One class of a task: its name and the colour label maps and legends draw it in.</summary>
/// <param name="Name">E.g. "Road".</param>
/// <param name="Colour">"#RRGGBB".</param>
public sealed record SegmentationClass(string Name, string Colour)
{
    /// <summary>The colour as (R, G, B).</summary>
    /// <exception cref="FormatException">Not "#RRGGBB".</exception>
    public (byte R, byte G, byte B) Rgb() => ParseColour(Colour);

    /// <summary>"#RRGGBB" of three bytes.</summary>
    public static string Hex(byte r, byte g, byte b) => $"#{r:X2}{g:X2}{b:X2}";

    /// <summary>Reads "#RRGGBB".</summary>
    /// <exception cref="FormatException">Not "#RRGGBB".</exception>
    public static (byte R, byte G, byte B) ParseColour(string colour)
    {
        if (colour is not { Length: 7 } || colour[0] != '#' || !int.TryParse(colour.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int v))
            throw new FormatException($"'{colour}' is not a colour of the form #RRGGBB");
        return ((byte)(v >> 16), (byte)(v >> 8), (byte)v);
    }
}
