using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Asm.Research.Tests.Cli;

/// <summary>How many pixels of a drawn figure are near a colour: whether a chart drew a trace of that palette colour.</summary>
internal static class ColourCount
{
    /// <summary>Pixels within <paramref name="tolerance"/> (sum of channel differences) of <paramref name="colour"/>, in columns [fromX, toX).</summary>
    public static int Near(Image<Rgb24> image, Rgb24 colour, int tolerance = 30, int fromX = 0, int? toX = null)
    {
        int count = 0, end = toX ?? image.Width;
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (int x = fromX; x < end; x++)
                    if (Math.Abs(row[x].R - colour.R) + Math.Abs(row[x].G - colour.G) + Math.Abs(row[x].B - colour.B) < tolerance) count++;
            }
        });
        return count;
    }
}
