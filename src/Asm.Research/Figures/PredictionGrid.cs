using System.Globalization;
using System.Net;
using System.Text;
using Asm.Research.Data;
using Asm.Research.Data.Tasks;
using Asm.Research.Visuals;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using Asm.Research.Platform;

namespace Asm.Research.Figures;

/// <summary>
/// The qualitative figure of multi-class predictors: one row per chosen test image (<see cref="PredictionPick"/>):
/// image | ground truth | each predictor's prediction, label maps in the task's class colours (void black), the
/// predictors' names as column headers, each prediction's per-image mIoU and pixel accuracy under it, and the class
/// legend. Text needs a browser (ImageSharp 2.1 draws none), so the PNG is a page shot by headless Chromium,
/// as <see cref="ChartPage"/> does for charts.
/// </summary>
/// <param name="Samples">The test samples.</param>
/// <param name="Predictors">Column header → one label map per sample, in column order.</param>
/// <param name="Picks">The rows, in order.</param>
/// <param name="Task">The classes and their colours.</param>
public sealed record PredictionGrid(IReadOnlyList<SegmentationSample> Samples, IReadOnlyDictionary<string, byte[][]> Predictors,
    IReadOnlyList<PredictionPick> Picks, SegmentationTask Task)
{
    // Tiles are enlarged by a whole factor (crisp pixels) to at least this width, so that 1–3 px poles stay visible.
    private const int MinTileWidth = 160;

    /// <summary>The factor each label map is enlarged by.</summary>
    public int Scale => Samples.Count == 0 ? 1 : Math.Max(1, (MinTileWidth + Samples[0].Width - 1) / Samples[0].Width);

    /// <summary>The page: a title, the table of tiles with headers and scores, the legend.</summary>
    public string Html(string title)
    {
        var html = new StringBuilder("""
            <!DOCTYPE html><html><head><meta charset="utf-8"><style>
            body{margin:0;background:#fff;color:#222;font:13px/1.35 sans-serif}
            table{border-collapse:collapse} th{font-weight:600;padding:2px 3px} td{padding:3px;text-align:center;vertical-align:top}
            img{display:block;image-rendering:pixelated} .score{font-size:12px;padding-top:2px;white-space:nowrap}
            .swatch{display:inline-block;width:12px;height:12px;border:1px solid #888;vertical-align:middle;margin-right:3px}
            </style></head><body><div style="display:inline-block;padding:10px">
            """);
        html.Append($"<div style=\"font-weight:600;font-size:15px;margin-bottom:6px\">{WebUtility.HtmlEncode(title)}</div><table><tr><th>image</th><th>ground truth</th>");
        foreach (var name in Predictors.Keys) html.Append($"<th>{WebUtility.HtmlEncode(name)}</th>");
        html.Append("</tr>");
        foreach (var pick in Picks)
        {
            var s = Samples[pick.Index];
            html.Append("<tr>").Append(Tile(MaskImages.Image(s.Image, s.Height, s.Width), s.Name))
                .Append(Tile(LabelMapImages.Colour(LabelPredictionViews.Truth(s), s.Height, s.Width, Task), ""));
            int k = 0;
            foreach (var labels in Predictors.Values)
            {
                html.Append(Tile(LabelMapImages.Colour(labels[pick.Index], s.Height, s.Width, Task),
                    string.Create(CultureInfo.InvariantCulture, $"mIoU {pick.MeanIou[k]:0.000} · acc {pick.PixelAccuracy[k]:0.000}")));
                k++;
            }
            html.Append("</tr>");
        }
        html.Append("</table><div style=\"margin-top:8px;max-width:900px\">").Append(LabelMapImages.LegendHtml(Task));
        if (Task.HasVoid) html.Append("<span><span class=\"swatch\" style=\"background:#000\"></span> void</span>");
        return html.Append("</div></div></body></html>").ToString();
    }

    /// <summary>
    /// The caption: which images and why, what the columns and scores are, a table of every predictor's per-image
    /// mIoU and pixel accuracy on each row's image, and the checkpoints.
    /// </summary>
    /// <param name="scoredOn">What the samples are, e.g. "test images" or "held-out training images".</param>
    /// <param name="data">The data's description.</param>
    /// <param name="checkpoints">The checkpoint folders, column order.</param>
    public string Caption(string scoredOn, string data, IReadOnlyList<string> checkpoints)
    {
        var names = Predictors.Keys.ToList();
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"The {Picks.Count} of {Samples.Count} {scoredOn} ({data}) on which the predictors' per-image mIoU ")
            .Append("(the mean IoU over the classes in the image's truth or prediction, void left out) differs most, largest difference first, one row each: ")
            .Append($"image | ground truth | {string.Join(" | ", names)}; label maps in the class colours")
            .Append(CultureInfo.InvariantCulture, $" at the model's {(Samples.Count == 0 ? "" : $"{Samples[0].Height}×{Samples[0].Width}")}")
            .Append(Task.HasVoid ? " (void black)" : "").AppendLine("; under each prediction its per-image mIoU and pixel accuracy.").AppendLine()
            .Append("| image |").AppendJoin("", names.Select(n => $" {n} mIoU | {n} acc |")).AppendLine()
            .Append("|---|").AppendJoin("", names.Select(_ => "---|---|")).AppendLine();
        foreach (var pick in Picks)
            text.Append($"| {pick.Image} |").AppendJoin("", names.Select((_, k) =>
                string.Create(CultureInfo.InvariantCulture, $" {pick.MeanIou[k]:0.000} | {pick.PixelAccuracy[k]:0.000} |"))).AppendLine();
        return text.AppendLine().Append("Checkpoints: ").AppendJoin(", ", checkpoints.Select(c => $"`{c}`")).AppendLine(".").ToString();
    }

    /// <summary>Writes the figure as a PNG, cropped to its content.</summary>
    /// <exception cref="InvalidOperationException">No Chromium, or it failed (see <see cref="ChromiumScreenshot"/>).</exception>
    public void SavePng(string path, string title)
    {
        int tileWidth = (Samples.Count == 0 ? 1 : Samples[0].Width) * Scale, tileHeight = (Samples.Count == 0 ? 1 : Samples[0].Height) * Scale;
        // A window larger than the page (the legend may wrap) and then white margins cropped: the page's exact height
        // depends on the browser's fonts.
        int width = Math.Max(900, (Predictors.Count + 2) * (tileWidth + 8) + 40);
        int height = Picks.Count * (tileHeight + 30) + 200;
        ChromiumScreenshot.Capture(Html(title), path, width, height);
        CropWhite(path, margin: 10);
    }

    private string Tile(PngImage image, string caption) =>
        $"<td><img src=\"{image.ToDataUri()}\" width=\"{image.Width * Scale}\" height=\"{image.Height * Scale}\" alt=\"\"/>" +
        $"<div class=\"score\">{WebUtility.HtmlEncode(caption)}</div></td>";

    // Crops a white right and bottom border down to margin pixels (the page's own padding is on the top and left).
    private static void CropWhite(string path, int margin)
    {
        using var image = Image.Load<Rgb24>(path);
        int right = 0, bottom = 0;
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (int x = 0; x < row.Length; x++)
                    if (row[x].R < 250 || row[x].G < 250 || row[x].B < 250)
                    {
                        right = Math.Max(right, x);
                        bottom = y;
                    }
            }
        });
        int w = Math.Min(image.Width, right + 1 + margin), h = Math.Min(image.Height, bottom + 1 + margin);
        if (w == image.Width && h == image.Height) return;
        image.Mutate(ctx => ctx.Crop(new Rectangle(0, 0, w, h)));
        AtomicFile.Write(path, stream => image.SaveAsPng(stream));
    }
}
