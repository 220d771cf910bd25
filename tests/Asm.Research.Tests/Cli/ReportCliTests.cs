using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Asm.Research.Reports;
using Asm.Research.Tests.Notebooks;

namespace Asm.Research.Tests.Cli;

/// <summary>One tiny comparison (two methods × two seeds, two epochs) with --out, --report and --json, shared by the report tests.</summary>
public sealed class TinyComparison : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("asm-report-").FullName;
    public string Runs => Path.Combine(Folder, "runs");
    public string Page => Path.Combine(Folder, "compare.html");
    internal CliProcess.Result Result { get; }

    public TinyComparison() =>
        Result = CliProcess.Run(["compare", "--methods", "bce,bce+dice", "--seeds", "0,1", "--out", Runs, "--report", Page, "--json", .. CliTests.Tiny, "--epochs", "2"]);

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

public sealed partial class ReportCliTests(TinyComparison comparison) : IClassFixture<TinyComparison>
{
    [Fact]
    public void Compare_report_shows_every_run_with_the_numbers_of_its_json_record()
    {
        Assert.True(comparison.Result.ExitCode == 0, comparison.Result.Stderr);
        string html = File.ReadAllText(comparison.Page);
        using var record = JsonDocument.Parse(comparison.Result.Stdout);
        var expected = record.RootElement.GetProperty("runs").EnumerateArray().Select(Scores).ToList();
        Assert.Equal(4, expected.Count);
        Assert.Equal(expected, PageRuns(html));
        foreach (var run in expected)
            Assert.Contains(string.Create(CultureInfo.InvariantCulture,
                $"<tr><td>{run.Method}</td><td>{run.Seed}</td><td>{run.Iou:0.000}</td><td>{run.BoundaryF:0.000}</td>"), html);
        // Grouped bars, test IoU per epoch, one loss chart per method; each method's error map on each of the 4 test images.
        Assert.Equal(4, Regex.Count(html, "class=\"asm-plotly\""));
        Assert.Equal(4 * (2 + 2), Regex.Count(html, "<img "));
        Assert.Contains("bce+dice seed 0: IoU", html);
        Assert.DoesNotContain("bce seed 1: IoU", html); // first seeds only
        Assert.Contains("Best on boundary F:", html);
        Assert.DoesNotMatch("<script[^>]* src=", html); // self-contained: plotly.js is embedded, nothing is fetched
    }

    [Fact]
    public void Report_from_the_records_shows_the_same_numbers_and_predicts_with_their_checkpoints()
    {
        Assert.True(comparison.Result.ExitCode == 0, comparison.Result.Stderr);
        string page = Path.Combine(comparison.Folder, "records.html");
        var result = CliProcess.Run("report", "--records", comparison.Runs, "--out", page, "--threads", "1");
        Assert.True(result.ExitCode == 0, result.Stderr);
        string html = File.ReadAllText(page);
        Assert.Equal(PageRuns(File.ReadAllText(comparison.Page)).OrderBy(r => r.Method).ThenBy(r => r.Seed),
                     PageRuns(html).OrderBy(r => r.Method).ThenBy(r => r.Seed));
        Assert.Equal(4 * (2 + 2), Regex.Count(html, "<img "));
        Assert.Equal(4, Regex.Count(html, "class=\"asm-plotly\""));
    }

    [Fact]
    public void Report_from_records_without_checkpoints_draws_their_history_and_says_why_no_images()
    {
        Assert.True(comparison.Result.ExitCode == 0, comparison.Result.Stderr);
        string bare = Path.Combine(comparison.Folder, "bare");
        foreach (var run in Directory.GetDirectories(comparison.Runs))
        {
            string copy = Directory.CreateDirectory(Path.Combine(bare, Path.GetFileName(run))).FullName;
            foreach (var file in new[] { "result.json", "epochs.json" }) File.Copy(Path.Combine(run, file), Path.Combine(copy, file));
        }
        string page = Path.Combine(comparison.Folder, "bare.html");
        var result = CliProcess.Run("report", "--records", bare, "--out", page);
        Assert.True(result.ExitCode == 0, result.Stderr);
        string html = File.ReadAllText(page);
        Assert.Equal(4, PageRuns(html).Count);
        Assert.Contains("keeps its checkpoint/ folder", html);
        Assert.Equal(0, Regex.Count(html, "<img "));
        Assert.Equal(4, Regex.Count(html, "class=\"asm-plotly\"")); // bars, test IoU, per-epoch losses of each method
    }

    [Fact]
    public void A_report_path_holding_a_file_the_kit_did_not_write_is_refused_and_the_file_kept()
    {
        Assert.True(comparison.Result.ExitCode == 0, comparison.Result.Stderr);
        string notes = Path.Combine(comparison.Folder, "notes.html");
        File.WriteAllText(notes, "<p>my notes</p>");
        var refused = CliProcess.Run("report", "--records", comparison.Runs, "--out", notes);
        Assert.True(refused.ExitCode == 2, refused.Stderr);
        Assert.Contains(notes, refused.Stderr);
        Assert.Equal("<p>my notes</p>", File.ReadAllText(notes));

        // A page the kit wrote is replaced: a re-run refreshes its report.
        string page = Path.Combine(comparison.Folder, "again.html");
        File.Copy(comparison.Page, page);
        var replaced = CliProcess.Run("report", "--records", comparison.Runs, "--out", page);
        Assert.True(replaced.ExitCode == 0, replaced.Stderr);
        Assert.Contains("Runs under", File.ReadAllText(page));

        var notHtml = CliProcess.Run("report", "--records", comparison.Runs, "--out", Path.Combine(comparison.Folder, "page.txt"));
        Assert.Equal(2, notHtml.ExitCode);
        Assert.Contains("--out", notHtml.Stderr);
    }

    [Fact]
    public void Eval_report_shows_the_scores_eval_prints_and_the_checkpoints_worst_images()
    {
        Assert.True(comparison.Result.ExitCode == 0, comparison.Result.Stderr);
        string page = Path.Combine(comparison.Folder, "eval.html");
        var result = CliProcess.Run("eval", "--checkpoint", Path.Combine(comparison.Runs, "bce-seed1"), "--report", page, "--json", "--threads", "1");
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var run = Assert.Single(PageRuns(File.ReadAllText(page)));
        Assert.Equal(json.RootElement.GetProperty("test").GetProperty("iou").GetDouble(), run.Iou);
        Assert.Equal(json.RootElement.GetProperty("test").GetProperty("boundary_f").GetDouble(), run.BoundaryF);
        Assert.Equal(4 * 4, Regex.Count(File.ReadAllText(page), "<img ")); // image, truth, p, error map per test image
    }

    [BrowserFact]
    [Trait("Category", "Browser")]
    public void Every_chart_of_the_compare_report_draws_and_every_image_decodes_in_chromium()
    {
        Assert.True(comparison.Result.ExitCode == 0, comparison.Result.Stderr);
        var page = Chromium.Check(comparison.Page);
        Assert.Empty(page.Problems);
        Assert.Equal((4, 4), (page.Charts, page.Drawn));
        Assert.Equal((16, 16), (page.Images, page.Decoded));
    }

    private sealed record RunScores(string Method, int Seed, double Iou, double BoundaryF, double BoundaryIou, double IouOriginal);

    private static RunScores Scores(JsonElement run) => new(
        run.GetProperty("method").GetString()!, run.GetProperty("seed").GetInt32(),
        run.GetProperty("test").GetProperty("iou").GetDouble(), run.GetProperty("test").GetProperty("boundary_f").GetDouble(),
        run.GetProperty("test").GetProperty("boundary_iou").GetDouble(), run.GetProperty("test_original").GetProperty("iou").GetDouble());

    private static List<RunScores> PageRuns(string html)
    {
        var found = DataElement().Match(html);
        Assert.True(found.Success, $"no {RunReport.DataElementId} element in the page");
        using var data = JsonDocument.Parse(found.Groups[1].Value.Replace("<\\/", "</"));
        return data.RootElement.GetProperty("runs").EnumerateArray().Select(Scores).ToList();
    }

    [GeneratedRegex("<script type=\"application/json\" id=\"asm-report-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex DataElement();
}
