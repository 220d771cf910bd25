using System.Net;
using System.Text;
using Asm.Research.Visuals;
using Plotly.NET;
using Asm.Research.Platform;

namespace Asm.Research.Reports;

/// <summary>
/// A self-contained HTML page, built section by section: headings, Markdown prose, config trees,
/// tables, Plotly charts, PNG images and galleries. plotly.js is embedded once (from Plotly.NET) when
/// the page has a chart, images are inline data URIs: the file opens offline, anywhere, and nothing in
/// it downloads anything.
/// <code>
/// var report = new HtmlReport("compare --quick")
///     .Markdown("Three methods, **one** config.")
///     .Config(config)
///     .Table(rows, TrainingViews.Metrics)
///     .Chart(Charts.GroupedBars(rows));
/// report.Save("runs/compare.html");
/// </code>
/// </summary>
public sealed class HtmlReport(string title)
{
    private readonly List<string> _body = [];

    /// <summary>The page title (also its first heading).</summary>
    public string Title { get; } = title;

    /// <summary>Plotly charts added so far (each is drawn by the embedded plotly.js).</summary>
    public int ChartCount { get; private set; }

    /// <summary>Images added so far (an image, or each tile of a gallery).</summary>
    public int ImageCount { get; private set; }

    /// <summary>A heading; level 2 (a section) by default, 1 is the title's level.</summary>
    public HtmlReport Heading(string text, int level = 2) =>
        Add($"<h{Math.Clamp(level, 1, 6)}>{WebUtility.HtmlEncode(text)}</h{Math.Clamp(level, 1, 6)}>");

    /// <summary>Prose in Markdown (see <see cref="MarkdownText"/>: HTML in it is escaped).</summary>
    public HtmlReport Markdown(string markdown) => Add($"<div class=\"asm-text\">{MarkdownText.ToHtml(markdown)}</div>");

    /// <summary>Text shown as it is, in a monospace block (console output, logs).</summary>
    public HtmlReport Preformatted(string text) => Add($"<pre class=\"asm-pre\">{WebUtility.HtmlEncode(text)}</pre>");

    /// <summary>A config record (or any record) as a folding key = value tree (<see cref="RecordTreeView"/>).</summary>
    public HtmlReport Config(object config, string? title = null) => Add(RecordTreeView.From(config).ToHtml(title ?? "config"));

    /// <summary>Label = value pairs, e.g. a run's facts (data, seconds, seed).</summary>
    public HtmlReport KeyValues(IEnumerable<(string Key, string Value)> pairs, string? title = null) =>
        Add(new RecordTreeView("", null, pairs.Select(p => new RecordTreeView(p.Key, p.Value, [])).ToList()).ToHtml(title));

    /// <summary>Methods as rows, metrics as columns (<see cref="MetricsTable"/>; mean ± std, best in bold).</summary>
    public HtmlReport Table(IEnumerable<MetricsRow> rows, IReadOnlyList<string>? metrics = null, string? caption = null,
                            int digits = 3, IReadOnlySet<string>? lowerIsBetter = null, IReadOnlyDictionary<string, int>? columnDigits = null) =>
        Add(MetricsTable.ToHtml(rows, metrics, digits, caption, lowerIsBetter, columnDigits));

    /// <summary>A plain table of text cells under a header row.</summary>
    public HtmlReport Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, string? caption = null)
    {
        var html = new StringBuilder("<table class=\"asm-table\">");
        if (!string.IsNullOrEmpty(caption)) html.Append("<caption>").Append(WebUtility.HtmlEncode(caption)).Append("</caption>");
        html.Append("<thead><tr>");
        foreach (var h in header) html.Append("<th>").Append(WebUtility.HtmlEncode(h)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row) html.Append("<td>").Append(WebUtility.HtmlEncode(cell)).Append("</td>");
            html.Append("</tr>");
        }
        return Add(html.Append("</tbody></table>").ToString());
    }

    /// <summary>An interactive Plotly chart.</summary>
    public HtmlReport Chart(GenericChart chart, int height = 420)
    {
        ChartCount++;
        return Add(Charts.ToHtml(chart, height, cdnFallback: false));
    }

    /// <summary>A PNG image with its caption.</summary>
    public HtmlReport Image(PngImage image, int? displayWidth = null)
    {
        ImageCount++;
        return Add(image.ToHtml(displayWidth));
    }

    /// <summary>A grid of captioned images.</summary>
    public HtmlReport Gallery(Gallery gallery)
    {
        ImageCount += gallery.Tiles.Count;
        return Add(gallery.ToHtml());
    }

    /// <summary>
    /// A trusted HTML fragment as it is (e.g. a notebook's saved output). A fragment that draws
    /// charts must do so with <c>window.Plotly</c>; set <paramref name="charts"/> so that the page embeds it.
    /// </summary>
    public HtmlReport Html(string fragment, int charts = 0, int images = 0)
    {
        ChartCount += charts;
        ImageCount += images;
        return Add(fragment);
    }

    /// <summary>The whole page.</summary>
    public string ToHtml()
    {
        var page = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        page.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        page.Append("<title>").Append(WebUtility.HtmlEncode(Title)).Append("</title>\n");
        page.Append("<style>").Append(Style).Append("</style>\n");
        if (ChartCount > 0) page.Append(Charts.PlotlyScriptElement()).Append('\n');
        page.Append("</head>\n<body>\n<h1>").Append(WebUtility.HtmlEncode(Title)).Append("</h1>\n");
        foreach (var section in _body) page.Append(section).Append('\n');
        page.Append(Signature)
            .Append(ChartCount > 0 ? $"; charts drawn offline by the embedded plotly.js {Charts.PlotlyJsVersion}" : "")
            .Append(".</footer>\n</body>\n</html>\n");
        return page.ToString();
    }

    /// <summary>How every page the kit writes ends (its footer's start): how a page the kit wrote is told from the user's own.</summary>
    public const string Signature = "<footer>Written by Asm.Research";

    /// <summary>
    /// Writes the page to <paramref name="path"/> (folders are created) through a temporary file in the
    /// same folder, so a reader never sees half a page and a failed write leaves the old file intact.
    /// </summary>
    /// <exception cref="Training.Output.OutputFolderException"><paramref name="path"/> is a symbolic link.</exception>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToHtml());

    private HtmlReport Add(string html)
    {
        _body.Add(html);
        return this;
    }

    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:1100px;margin:24px auto;padding:0 16px;color:#222;line-height:1.45}
        h1{font-size:1.6em;border-bottom:1px solid #ccc;padding-bottom:4px}
        pre,code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:90%}
        pre{background:#f6f6f6;padding:8px;overflow-x:auto}
        table.asm-table,table.asm-md-table{border-collapse:collapse;margin:8px 0}
        table.asm-table td,table.asm-table th,table.asm-md-table td,table.asm-md-table th{border-bottom:1px solid #ddd;padding:2px 8px;text-align:left}
        .asm-error{background:#fdecea;border-left:4px solid #d9534f;padding:8px;white-space:pre-wrap;font-family:monospace}
        footer{margin-top:32px;font-size:small;color:#888}
        """;
}
