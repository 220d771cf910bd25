using System.Globalization;
using System.Text.Json;
using Asm.Research.Cli.Commands;
using Asm.Research.Figures;
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
        Assert.True(CountNear(chart, new Rgb24(0x4c, 0x78, 0xa8)) > 200, "no bce line in the chart");
        Assert.True(CountNear(chart, new Rgb24(0xe4, 0x57, 0x56)) > 200, "no asm+bce line in the chart");

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

    [Fact]
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
    }

    private static int CountNear(Image<Rgb24> image, Rgb24 colour)
    {
        int count = 0;
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
                foreach (var p in rows.GetRowSpan(y))
                    if (Math.Abs(p.R - colour.R) + Math.Abs(p.G - colour.G) + Math.Abs(p.B - colour.B) < 30) count++;
        });
        return count;
    }
}
