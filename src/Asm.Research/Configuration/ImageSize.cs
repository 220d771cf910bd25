using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Asm.Research.Configuration;

/// <summary>
/// A working size, height × width in pixels. Written as one number for a square (<c>128</c>, as every
/// config before rectangles had it) and as <c>"HxW"</c> otherwise (<c>"144x192"</c>: CamVid's 3:4), so one
/// field, <c>data.size</c>, takes both and old configs read unchanged.
/// </summary>
/// <param name="Height">Rows.</param>
/// <param name="Width">Columns.</param>
[JsonConverter(typeof(ImageSizeJsonConverter))]
public readonly record struct ImageSize(int Height, int Width)
{
    /// <summary>A square of side <paramref name="side"/>.</summary>
    public static ImageSize Square(int side) => new(side, side);

    /// <summary>A square, so that <c>Size = 64</c> reads as it always did.</summary>
    public static implicit operator ImageSize(int side) => Square(side);

    /// <summary>True when height equals width.</summary>
    public bool IsSquare => Height == Width;

    /// <summary>Pixels per image.</summary>
    public long Pixels => (long)Height * Width;

    /// <summary>The smaller side.</summary>
    public int MinSide => Math.Min(Height, Width);

    /// <summary>"128×128" or "144×192" (height × width), for messages.</summary>
    public string Display => $"{Height}×{Width}";

    /// <summary>"128" for a square, "144x192" otherwise: the form <see cref="Parse"/> and the config files take.</summary>
    public override string ToString() =>
        IsSquare ? Height.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{Height}x{Width}");

    /// <summary>Reads "N" (a square) or "HxW" (also "H×W", "H,W").</summary>
    public static bool TryParse(string? text, out ImageSize size)
    {
        size = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var parts = text.Trim().Split(['x', 'X', '×', ','], StringSplitOptions.TrimEntries);
        var inv = CultureInfo.InvariantCulture;
        if (parts.Length == 1 && int.TryParse(parts[0], NumberStyles.None, inv, out int side))
        {
            size = Square(side);
            return true;
        }
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, inv, out int h) && int.TryParse(parts[1], NumberStyles.None, inv, out int w))
        {
            size = new ImageSize(h, w);
            return true;
        }
        return false;
    }

    /// <summary>As <see cref="TryParse"/>, throwing a message that names the expected forms.</summary>
    /// <exception cref="ConfigException">Not "N" or "HxW".</exception>
    public static ImageSize Parse(string text, string what) =>
        TryParse(text, out var size) ? size
            : throw new ConfigException($"{what} = {text}: expected a side N (a square) or HEIGHTxWIDTH, e.g. 128 or 144x192");
}

/// <summary>Writes a square as a number and a rectangle as "HxW"; reads both.</summary>
public sealed class ImageSizeJsonConverter : JsonConverter<ImageSize>
{
    /// <inheritdoc />
    public override ImageSize Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int side)) return ImageSize.Square(side);
        if (reader.TokenType == JsonTokenType.String && ImageSize.TryParse(reader.GetString(), out var size)) return size;
        throw new JsonException("expected a size: a whole number (square) or \"HEIGHTxWIDTH\"");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ImageSize value, JsonSerializerOptions options)
    {
        if (value.IsSquare) writer.WriteNumberValue(value.Height);
        else writer.WriteStringValue(value.ToString());
    }
}
