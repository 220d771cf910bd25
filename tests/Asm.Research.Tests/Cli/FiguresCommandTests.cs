using System.Globalization;
using System.Text.Json;
using Asm.Research.Cli.Commands;
using Asm.Research.Configuration;
using Asm.Research.Figures;
using Asm.Research.Metrics;
using Asm.Research.Training;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Asm.Research.Tests.Cli;

/// <summary>A fact that needs a headless Chromium for chart figures; skipped, saying why, where there is none.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (ChromiumScreenshot.Find() is null)
            Skip = $"no Chromium on PATH (chromium, chromium-browser, google-chrome) and {ChromiumScreenshot.Variable} unset; on Debian: apt-get install chromium";
    }
}

public sealed class FiguresCommandTests(TinyCheckpoint checkpoint) : IClassFixture<TinyCheckpoint>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("asm-figures-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Out => Path.Combine(_dir, "figures");

    [ChromiumFact]
    public void The_chart_of_the_recorded_runs_is_drawn_and_its_caption_quotes_their_last_epoch()
    {
        var result = CliProcess.Run("figures", "--records", Path.Combine(TestPaths.RepoRoot, "docs", "results"), "--out", Out);
        Assert.True(result.ExitCode == 0, result.Stderr);

        using var chart = Image.Load<Rgb24>(Path.Combine(Out, FiguresCommand.ChartFile));
        Assert.Equal((800, 420), (chart.Width, chart.Height));
        // Each method's line is drawn in its palette colour (bce first: #4c78a8, asm+bce fourth: #e45756).
        Assert.True(ColourCount.Near(chart, new Rgb24(0x4c, 0x78, 0xa8)) > 200, "no bce line in the chart");
        Assert.True(ColourCount.Near(chart, new Rgb24(0xe4, 0x57, 0x56)) > 200, "no asm+bce line in the chart");

        string captions = File.ReadAllText(Path.Combine(Out, FiguresCommand.CaptionsFile));
        foreach (var method in new[] { "bce", "cgan", "asm", "asm+bce" })
        {
            using var epochs = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "results", $"{method}-seed0", "epochs.json")));
            double last = epochs.RootElement.EnumerateArray().Last().GetProperty("test").GetProperty("iou").GetDouble();
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{method} {last:0.000}"), captions);
        }
    }

    [Fact]
    public void A_missing_record_exits_2_naming_the_file()
    {
        var result = CliProcess.Run("figures", "--records", Path.Combine(TestPaths.RepoRoot, "docs", "results"), "--methods", "bce,nope", "--out", Out);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(Path.Combine("nope-seed0", "epochs.json"), result.Stderr);
        Assert.False(File.Exists(Path.Combine(Out, FiguresCommand.ChartFile)));
    }

    // Chromium: its second half draws the per-epoch chart beside the error maps.
    [ChromiumFact]
    public void Error_maps_show_the_test_images_where_the_predictors_differ_most_in_order()
    {
        string second = Path.Combine(_dir, "asm+bce");
        var train = CliProcess.Run(["train", "--method", "asm+bce", "--out", second, .. TinyCheckpoint.Flags]);
        Assert.True(train.ExitCode == 0, train.Stderr);

        var result = CliProcess.Run("figures", "--checkpoints", $"{checkpoint.Run},{second}", "--count", "3", "--out", Out, "--threads", "1");
        Assert.True(result.ExitCode == 0, result.Stderr);

        // 3 rows of image | truth | bce | asm+bce, 32-pixel tiles 2 pixels apart.
        using var grid = Image.Load<Rgb24>(Path.Combine(Out, FiguresCommand.ErrorMapsFile));
        Assert.Equal((4 * 32 + 5 * 2, 3 * 32 + 4 * 2), (grid.Width, grid.Height));

        var rows = File.ReadAllLines(Path.Combine(Out, FiguresCommand.CaptionsFile))
            .Where(l => l.StartsWith("| ") && !l.StartsWith("| image")).Select(l => l.Split('|', StringSplitOptions.TrimEntries)).ToList();
        Assert.Equal(3, rows.Count);
        var spreads = rows.Select(r => Math.Abs(double.Parse(r[2], CultureInfo.InvariantCulture) - double.Parse(r[3], CultureInfo.InvariantCulture))).ToList();
        // Most different first (to the caption's three decimals).
        Assert.True(spreads.Zip(spreads.Skip(1)).All(p => p.First >= p.Second - 0.0015), $"rows not ordered by IoU difference: {string.Join(", ", spreads)}");
        Assert.Equal(rows.Count, rows.Select(r => r[1]).Distinct().Count());

        // Drawing another figure later keeps the error maps' caption (their checkpoints may be gone by then)
        // and gives each section the command that drew it.
        WriteRecord("bce-seed0", "bce", 0, 0.7, 0.6);
        var again = CliProcess.Run("figures", "--records", Path.Combine(_dir, "records"), "--methods", "bce", "--out", Out);
        Assert.True(again.ExitCode == 0, again.Stderr);
        var sections = CaptionFile.Sections(File.ReadAllText(Path.Combine(Out, FiguresCommand.CaptionsFile)));
        Assert.Equal([FiguresCommand.ErrorMapsFile, FiguresCommand.ChartFile], sections.Select(s => s.File));
        Assert.Contains("--checkpoints", sections[0].Text);
        Assert.Contains("--methods bce", sections[1].Text);
        Assert.Equal(rows.Count, sections[0].Text.Split('\n').Count(l => l.StartsWith("| ") && !l.StartsWith("| image")));
    }

    private void WriteRecord(string folder, string method, int seed, double iou, double boundaryF)
    {
        var scores = new SegmentationScores(4, iou, iou, iou, 0.9, boundaryF, boundaryF / 2);
        var record = new RunResult { Method = method, Seed = seed, Test = scores, TestOriginal = scores, TrainSeconds = 60, Epochs = 2, Size = 32, Data = "synthetic" };
        string path = Path.Combine(_dir, "records", folder);
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "result.json"), ConfigJson.Serialize(record));
        // The per-epoch chart that --records always draws needs one history: a real one.
        File.Copy(Path.Combine(TestPaths.RepoRoot, "docs", "results", "bce-seed0", "epochs.json"), Path.Combine(path, "epochs.json"));
    }

    private string WriteQuestions(string json)
    {
        string path = Path.Combine(_dir, "questions.json");
        File.WriteAllText(path, json);
        return path;
    }

    [ChromiumFact]
    public void A_study_question_is_drawn_from_its_rows_records_with_the_seed_spread_and_says_which_rows_have_none()
    {
        WriteRecord("bce-seed0", "bce", 0, 0.70, 0.60);
        WriteRecord("bce-seed1", "bce", 1, 0.80, 0.70);
        WriteRecord("second/asm+bce-seed0", "asm+bce", 0, 0.85, 0.75);
        string questions = WriteQuestions("""
            // comments allowed
            [ { "name": "q1", "title": "Does it help?", "control": "bce", "rows": ["bce", "second/asm+bce", "never-run"] },
              { "name": "empty", "title": "Nothing yet", "control": "x", "rows": ["x"] } ]
            """);
        var result = CliProcess.Run("figures", "--records", Path.Combine(_dir, "records"), "--methods", "bce", "--questions", questions, "--out", Out);
        Assert.True(result.ExitCode == 0, result.Stderr);

        using var chart = Image.Load<Rgb24>(Path.Combine(Out, FiguresCommand.StudyChartFile("q1")));
        Assert.Equal((900, 460), (chart.Width, chart.Height));
        // One bar colour per row: bce first (#4c78a8), second/asm+bce second (#f58518).
        Assert.True(ColourCount.Near(chart, new Rgb24(0x4c, 0x78, 0xa8)) > 500, "no bce bars");
        Assert.True(ColourCount.Near(chart, new Rgb24(0xf5, 0x85, 0x18)) > 500, "no second/asm+bce bars");
        Assert.False(File.Exists(Path.Combine(Out, FiguresCommand.StudyChartFile("empty"))));

        string captions = File.ReadAllText(Path.Combine(Out, FiguresCommand.CaptionsFile));
        // bce: mean 0.75, sample std sqrt(0.005) = 0.0707 of IoU; 0.65 ± 0.071 of boundary F.
        Assert.Contains("| bce | 2 | 0.750 ± 0.071 | 0.650 ± 0.071 |", captions);
        Assert.Contains("| second/asm+bce | 1 | 0.850 | 0.750 |", captions);
        Assert.Contains("Not run yet: `never-run`.", captions);
        Assert.Contains("Nothing yet: no records yet", captions);
    }

    [ChromiumFact]
    public void Control_characters_in_a_questions_file_never_reach_the_terminal()
    {
        WriteRecord("bce-seed0", "bce", 0, 0.7, 0.6);
        // The row is never run, so its name is printed in the "no records yet" note.
        string questions = WriteQuestions("""[ { "name": "q1", "title": "t", "control": "x\u001b]0;pwned\u0007\u001b[2J", "rows": ["x\u001b]0;pwned\u0007\u001b[2J"] } ]""");
        foreach (var json in new[] { Array.Empty<string>(), ["--json"] })
        {
            var result = CliProcess.Run(["figures", "--records", Path.Combine(_dir, "records"), "--methods", "bce", "--questions", questions, "--out", Out, .. json]);
            Assert.True(result.ExitCode == 0, result.Stderr);
            Assert.Contains("no records yet of x?]0;pwned??[2J", result.Stdout + result.Stderr);
            Assert.DoesNotContain('\u001b', result.Stdout + result.Stderr);
            Assert.DoesNotContain('\u0007', result.Stdout + result.Stderr);
        }
    }

    [Theory]
    [InlineData("[ { \"name\": \"q1\", \"title\": \"t\", \"control\": \"c\", \"rows\": [\"a\"] } ]", "must include its control 'c'")]
    [InlineData("[ { \"name\": \"q 1\", \"title\": \"t\", \"control\": \"a\", \"rows\": [\"a\"] } ]", "question name 'q 1'")]
    [InlineData("[ { \"name\": \"q1\", \"title\": \"t\", \"control\": \"a\", \"rows\": [\"a\"], \"colour\": 1 } ]", "not a readable study question file")]
    [InlineData("{ not json", "not a readable study question file")]
    public void A_bad_questions_file_exits_2_naming_it_and_the_problem(string json, string problem)
    {
        WriteRecord("bce-seed0", "bce", 0, 0.7, 0.6);
        string questions = WriteQuestions(json);
        var result = CliProcess.Run("figures", "--records", Path.Combine(_dir, "records"), "--methods", "bce", "--questions", questions, "--out", Out);
        Assert.Equal(2, result.ExitCode);
        Assert.False(Directory.Exists(Out) && Directory.EnumerateFiles(Out).Any(), "a bad questions file must stop before any figure is drawn");
        Assert.Contains(questions, result.Stderr);
        Assert.Contains(problem, result.Stderr);
    }

    [Fact]
    public void Questions_without_records_exit_2()
    {
        var result = CliProcess.Run("figures", "--questions", WriteQuestions("[]"), "--checkpoints", checkpoint.Run, "--out", Out);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--questions", result.Stderr);
    }
}
