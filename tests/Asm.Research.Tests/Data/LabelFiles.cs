using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing.Processors.Quantization;

namespace Asm.Research.Tests.Data;

/// <summary>Tiny images and label masks for the multi-class format tests, written with ImageSharp into a temporary folder.</summary>
public sealed class LabelFiles : IDisposable
{
    private readonly TestImages _files = new();

    public string Root => _files.Root;

    public string PathOf(string relative) => _files.PathOf(relative);

    public void Dispose() => _files.Dispose();

    /// <summary>A noisy RGB PNG.</summary>
    public string Image(string relative, int width, int height) => _files.Png(relative, width, height);

    /// <summary>An 8-bit grey PNG holding <paramref name="values"/> (row-major, width × height).</summary>
    public string IndexMask(string relative, int width, int height, byte[] values)
    {
        string path = PathOf(relative);
        using var image = SixLabors.ImageSharp.Image.LoadPixelData<L8>(values, width, height);
        image.SaveAsPng(path, new PngEncoder { ColorType = PngColorType.Grayscale, BitDepth = PngBitDepth.Bit8 });
        return path;
    }

    /// <summary>A colour PNG (RGB, or palette with exactly the colours used) holding <paramref name="colours"/>.</summary>
    public string ColourMask(string relative, int width, int height, Rgb24[] colours, bool palette = false)
    {
        string path = PathOf(relative);
        using var image = SixLabors.ImageSharp.Image.LoadPixelData(colours, width, height);
        var encoder = palette
            ? new PngEncoder
            {
                ColorType = PngColorType.Palette,
                Quantizer = new PaletteQuantizer(colours.Distinct().Select(c => (Color)c).ToArray(), new QuantizerOptions { Dither = null }),
            }
            : new PngEncoder { ColorType = PngColorType.Rgb, BitDepth = PngBitDepth.Bit8 };
        image.SaveAsPng(path, encoder);
        return path;
    }

    /// <summary>A text file.</summary>
    public string Text(string relative, string text)
    {
        string path = PathOf(relative);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The PNG colour type byte of a file (0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA).</summary>
    public static int PngColourType(string path) => File.ReadAllBytes(path)[25];

    /// <summary>A label pattern of <paramref name="classes"/> classes: bands plus a thin diagonal, and, when <paramref name="withVoid"/>, a void corner.</summary>
    public static byte[] Pattern(int width, int height, int classes, bool withVoid, int shift = 0)
    {
        var labels = new byte[width * height];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                byte v = (byte)((x * classes / width + shift) % classes);
                if (x == y) v = (byte)(classes - 1);
                if (withVoid && x < 2 && y < 2) v = 255;
                labels[y * width + x] = v;
            }
        return labels;
    }
}
