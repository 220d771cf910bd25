using Asm.Research.Cli.Output;
using Asm.Research.Metrics;
using Asm.Research.Training;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Asm.Research.Tests.Cli;

public sealed class ResultTableTests
{
    private static RunResult Run(string method, int seed, double iou, double boundaryF) => new()
    {
        Method = method,
        Seed = seed,
        Test = new SegmentationScores(80, iou, iou, 0.85, 0.93, boundaryF, 0.5),
        TestOriginal = new SegmentationScores(80, iou, iou, 0.85, 0.93, boundaryF - 0.13, 0.49),
        TrainSeconds = 1500,
    };

    private static string Render(IRenderable renderable)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        console.Profile.Width = ResultTable.Width;
        console.Write(renderable);
        return writer.ToString();
    }

    // The closing line, rejoined where the console wrapped it.
    private static string Verdict(string text) =>
        string.Join(" ", text.Split('\n').SkipWhile(l => !l.StartsWith("Best on")).Select(l => l.Trim()).Where(l => l.Length > 0));

    private static IReadOnlyList<(string, IReadOnlyList<RunResult>)> Groups(params RunResult[] runs) =>
        runs.GroupBy(r => r.Method).Select(g => (g.Key, (IReadOnlyList<RunResult>)g.ToList())).ToList();

    [Fact]
    public void Three_seed_summary_fits_100_columns_without_wrapping_and_says_who_leads_by_how_much()
    {
        // A long setting label as summarize makes them, and three seeds per row: the widest cells there are.
        var text = Render(ResultTable.SummaryTables(Groups(
            Run("bce", 0, 0.786, 0.781), Run("bce", 1, 0.789, 0.780), Run("bce", 2, 0.785, 0.782),
            Run("asm+bce", 0, 0.818, 0.812), Run("asm+bce", 1, 0.826, 0.826), Run("asm+bce", 2, 0.810, 0.819))));
        var lines = text.Split('\n');
        Assert.All(lines, line => Assert.True(line.TrimEnd('\r').Length <= ResultTable.Width, $"line wider than 100: '{line}'"));
        // One row per method in each table: a wrapped cell would add rows.
        Assert.Equal(2, lines.Count(l => l.Contains("│ bce ")));
        Assert.Equal(2, lines.Count(l => l.Contains("│ asm+bce ")));
        Assert.Contains("0.819 ± 0.007", text); // asm+bce boundary F: mean of .812/.826/.819, sample std 0.007
        // Means 0.819 vs 0.781: +0.038; ranges 0.812–0.826 and 0.780–0.782 are apart.
        string verdict = Verdict(text);
        Assert.StartsWith("Best on boundary F: asm+bce, 0.819 ± 0.007 against 0.781 ± 0.001 for bce (next best), +0.038", verdict);
        Assert.Contains("do not overlap (asm+bce 0.812–0.826, bce 0.780–0.782)", verdict);
    }

    [Fact]
    public void Overlapping_seed_ranges_are_called_within_the_spread()
    {
        var text = Render(ResultTable.SummaryTables(Groups(
            Run("bce", 0, 0.78, 0.70), Run("bce", 1, 0.79, 0.76), Run("asm", 0, 0.78, 0.74), Run("asm", 1, 0.79, 0.75))));
        string verdict = Verdict(text);
        Assert.Contains("asm, 0.745 ± 0.007 against 0.730 ± 0.042 for bce", verdict);
        Assert.Contains("overlap (asm 0.740–0.750, bce 0.700–0.760): the difference is within the seed spread", verdict);
    }

    [Fact]
    public void A_single_seed_shows_no_plus_minus_and_says_there_is_no_spread()
    {
        var text = Render(ResultTable.SummaryTables(Groups(Run("bce", 0, 0.786, 0.781), Run("asm", 0, 0.770, 0.755))));
        Assert.DoesNotContain("±", text.Split('\n').TakeWhile(l => !l.StartsWith("Best on")).Aggregate("", (a, b) => a + b));
        Assert.Contains("0.781", text);
        string verdict = Verdict(text);
        Assert.Contains("one seed each, so no spread", verdict);
        Assert.Contains("+0.026", verdict);
    }

    [Fact]
    public void Single_run_scores_fit_100_columns()
    {
        var s = new SegmentationScores(80, 0.7862, 0.7822, 0.8535, 0.9383, 0.7813, 0.5044);
        var text = Render(ResultTable.ScoresTable("bce, seed 0: 1505 s training, 5.3 images/s", s, s));
        Assert.All(text.Split('\n'), line => Assert.True(line.TrimEnd('\r').Length <= ResultTable.Width, line));
        Assert.Contains("0.7813", text);
    }

    // A multi-class record: no foreground IoU or boundary IoU, mIoU and class accuracy instead.
    private static RunResult ClassRun(string method, int seed, double miou) => new()
    {
        Method = method,
        Seed = seed,
        Test = new SegmentationScores(20, null, null, miou, 0.9, miou / 2, null) { MeanClassAcc = miou + 0.1, FwIou = 0.8 },
        TestOriginal = new SegmentationScores(20, null, null, miou - 0.01, 0.9, miou / 3, null) { MeanClassAcc = miou + 0.1, FwIou = 0.8 },
        TrainSeconds = 600,
    };

    [Fact]
    public void Multi_class_summaries_show_the_scores_multi_class_records_have()
    {
        var groups = Groups(ClassRun("ce", 0, 0.40), ClassRun("ce", 1, 0.44), ClassRun("asm+ce", 0, 0.46), ClassRun("asm+ce", 1, 0.48));
        string text = Render(ResultTable.SummaryTables(groups));
        Assert.Contains("class acc", text);
        Assert.DoesNotContain("boundary IoU", text);
        Assert.Contains("0.470 ± 0.014", text); // asm+ce's mIoU over its two seeds (sample std)

        var summary = ComparisonSummary.ByLabel(groups.SelectMany(g => g.Item2.Select(r => (g.Item1, r))));
        string markdown = ResultTable.Markdown(summary);
        Assert.StartsWith("| method | runs | mIoU | boundary F | pixel acc | class acc |", markdown);
        Assert.Contains("| asm+ce | 2 | 0.470 ± 0.014 | 0.235 ± 0.007 | 0.900 ± 0.000 | 0.570 ± 0.014 |", markdown);
    }
}
