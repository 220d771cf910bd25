using System.Text.RegularExpressions;
using Asm.Research.Configuration;
using Asm.Research.Reports;
using Asm.Research.Visuals;

namespace Asm.Research.Tests.Visuals;

public sealed class HtmlReportTests
{
    private static readonly MetricsRow[] Rows =
    [
        MetricsRow.FromRuns("bce", [new Dictionary<string, double> { ["iou"] = 0.70 }, new Dictionary<string, double> { ["iou"] = 0.72 }]),
        MetricsRow.FromRuns("asm", [new Dictionary<string, double> { ["iou"] = 0.75 }]),
    ];

    [Fact]
    public void Plotly_js_is_embedded_once_for_several_charts_and_nothing_is_fetched()
    {
        var report = new HtmlReport("two charts")
            .Chart(Charts.GroupedBars(Rows))
            .Chart(Charts.Histogram([0.1, 0.2, 0.2, 0.9]));
        string html = report.ToHtml();

        Assert.Equal(2, report.ChartCount);
        Assert.Single(Regex.Matches(html, $"id=\"{Charts.PlotlyScriptId}\""));
        Assert.Equal(2, Regex.Matches(html, "class=\"asm-plotly\"").Count);
        // plotly.js itself names its CDN (as a default for map data, unused here); no script of the page loads from it.
        Assert.DoesNotContain($"plotly-{Charts.PlotlyJsVersion}.min.js", html);
        Assert.DoesNotContain("createElement('script')", html);
        Assert.DoesNotMatch("<script[^>]+src=", html);
        Assert.DoesNotMatch("<link[^>]+href=\"http", html);
    }

    [Fact]
    public void Page_without_charts_carries_no_plotly_js()
    {
        string html = new HtmlReport("text only").Markdown("just *words*").ToHtml();
        Assert.DoesNotContain(Charts.PlotlyScriptId, html);
        Assert.True(html.Length < 10_000, $"a text-only page is {html.Length} characters");
    }

    [Fact]
    public void Images_and_gallery_tiles_are_inline_pngs_that_decode()
    {
        var image = PngImage.FromRgb(new byte[2 * 3 * 3], 2, 3, "tiny");
        var report = new HtmlReport("images").Image(image).Gallery(new Gallery([image, image], Columns: 2));
        string html = report.ToHtml();

        Assert.Equal(3, report.ImageCount);
        var uris = Regex.Matches(html, "src=\"data:image/png;base64,([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(3, uris.Count);
        foreach (var uri in uris)
        {
            using var decoded = new PngImage(Convert.FromBase64String(uri), 2, 3).Decode();
            Assert.Equal((2, 3), (decoded.Width, decoded.Height));
        }
    }

    [Fact]
    public void Markdown_is_rendered_and_html_in_it_is_escaped()
    {
        string html = MarkdownText.ToHtml("""
            ## Title with `code`
            A **bold** and *em* line
            continued here. <script>alert(1)</script>

            - one
            - two [link](https://example.org/x)

            | a | b |
            |---|---|
            | 1 | 2 |
            """);
        Assert.Contains("<h2>Title with <code>code</code></h2>", html);
        Assert.Contains("<p>A <b>bold</b> and <i>em</i> line continued here. &lt;script&gt;alert(1)&lt;/script&gt;</p>", html);
        Assert.Contains("<ul><li>one</li><li>two <a href=\"https://example.org/x\">link</a></li></ul>", html);
        Assert.Contains("<thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody>", html);
        Assert.DoesNotContain("<script>", html);
    }

    [Fact]
    public void Javascript_links_are_not_made_clickable() =>
        Assert.DoesNotContain("href", MarkdownText.Inline("[x](javascript:alert(1))"));

    [Fact]
    public void Config_tree_shows_arrays_as_lists_and_set_keys()
    {
        var config = ExperimentConfig.ForMethod("asm") with { Asm = new AsmConfig { Layers = [1, 2] } };
        var lines = RecordTreeView.From(config).Lines().ToList();

        Assert.Contains("asm.layers = [1, 2]", lines);
        Assert.Contains("method = asm", lines);
        Assert.Contains(lines, l => l.StartsWith("analyzer.widths = [32, 64, 128, 128, 128]"));
        Assert.DoesNotContain(lines, l => l.Contains("System.Int32[]"));
        string html = new HtmlReport("config").Config(config).ToHtml();
        Assert.Contains("layers</span> = [1, 2]", html);
    }

    [Fact]
    public void Save_replaces_the_file_whole_and_leaves_no_temporary_file()
    {
        string dir = Path.Combine(Path.GetTempPath(), "asm-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            string path = Path.Combine(dir, "sub", "report.html");
            new HtmlReport("first").Save(path);
            new HtmlReport("second").Table(["k", "v"], [["a", "<1>"]]).Save(path);
            string html = File.ReadAllText(path);
            Assert.Contains("<title>second</title>", html);
            Assert.Contains("<td>&lt;1&gt;</td>", html);
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
