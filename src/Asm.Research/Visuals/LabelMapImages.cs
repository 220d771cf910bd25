using Asm.Research.Data.Tasks;

namespace Asm.Research.Visuals;

/// <summary>
/// Multi-class label maps as pictures, in the task's own class colours: a colour label map, an image with the
/// map blended over it, an error map (right pixels white, wrong ones in the predicted class's colour,
/// void in black) and a legend. Maps are row-major class indices with 255 for void.
/// </summary>
public static class LabelMapImages
{
    private static readonly Rgb Void = new(0, 0, 0);

    // Right pixels are white, not a dimmed class colour: CamVid's sky is already grey, so grey "right" pixels
    // would hide sky predicted where it is wrong. No built-in task uses white for a class.
    private static readonly Rgb Right = new(255, 255, 255);

    /// <summary>The map in the task's class colours (void black).</summary>
    public static PngImage Colour(byte[] labels, int height, int width, SegmentationTask task, string? title = null) =>
        PngImage.FromRgb(ColourBytes(labels, height, width, task), width, height, title);

    /// <summary>The class colours blended over an RGB image (3×H×W in [0,1]) with weight <paramref name="alpha"/>.</summary>
    public static PngImage Overlay(float[] image, byte[] labels, int height, int width, SegmentationTask task, float alpha = 0.5f, string? title = null)
    {
        Check(labels, height, width);
        if (image.Length != 3 * height * width) throw new ArgumentException($"image has {image.Length} values; expected 3×{height}×{width}", nameof(image));
        var colours = ColourBytes(labels, height, width, task);
        int plane = height * width;
        var rgb = new byte[3 * plane];
        for (int i = 0; i < plane; i++)
            for (int c = 0; c < 3; c++)
            {
                float v = Math.Clamp(image[c * plane + i], 0f, 1f) * 255f;
                rgb[3 * i + c] = (byte)Math.Round((1 - alpha) * v + alpha * colours[3 * i + c]);
            }
        return PngImage.FromRgb(rgb, width, height, title);
    }

    /// <summary>
    /// Where a prediction is wrong: pixels it gets right in white, wrong ones in the colour of the class it
    /// predicted, void pixels of the truth black.
    /// </summary>
    public static PngImage Errors(byte[] predicted, byte[] truth, int height, int width, SegmentationTask task, string? title = null)
    {
        Check(predicted, height, width);
        Check(truth, height, width);
        var palette = Palette(task);
        var rgb = new byte[3 * height * width];
        for (int i = 0; i < truth.Length; i++)
        {
            Rgb c;
            if (truth[i] == SegmentationTask.VoidLabel) c = Void;
            else if (predicted[i] == truth[i]) c = Right;
            else c = Colour(palette, predicted[i]);
            rgb[3 * i] = c.R; rgb[3 * i + 1] = c.G; rgb[3 * i + 2] = c.B;
        }
        return PngImage.FromRgb(rgb, width, height, title);
    }

    /// <summary>An HTML legend: one swatch and name per class.</summary>
    public static string LegendHtml(SegmentationTask task) =>
        "<div style=\"display:flex;flex-wrap:wrap;gap:6px 14px;font:12px sans-serif\">" +
        string.Concat(task.Classes.Select(c =>
            $"<span><span style=\"display:inline-block;width:12px;height:12px;background:{c.Colour};border:1px solid #888;vertical-align:middle\"></span> {System.Net.WebUtility.HtmlEncode(c.Name)}</span>")) +
        "</div>";

    /// <summary>The task's class colours, index order.</summary>
    public static Rgb[] Palette(SegmentationTask task) => task.Classes.Select(c => c.Rgb() is var (r, g, b) ? new Rgb(r, g, b) : default).ToArray();

    private static byte[] ColourBytes(byte[] labels, int height, int width, SegmentationTask task)
    {
        Check(labels, height, width);
        var palette = Palette(task);
        var rgb = new byte[3 * labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            var c = Colour(palette, labels[i]);
            rgb[3 * i] = c.R; rgb[3 * i + 1] = c.G; rgb[3 * i + 2] = c.B;
        }
        return rgb;
    }

    private static Rgb Colour(Rgb[] palette, byte label) => label < palette.Length ? palette[label] : Void;

    private static void Check(byte[] labels, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Length != height * width) throw new ArgumentException($"a label map has {labels.Length} values; expected {height}×{width}", nameof(labels));
    }
}
