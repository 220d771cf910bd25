using System.Globalization;
using Asm.Research.Cli.Commands;
using Asm.Research.Figures;
using Asm.Research.Tests.Figures;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Asm.Research.Tests.Cli;

/// <summary>Two tiny multi-class runs on the built-in scenes (ce, and ce with median-frequency weights as the row ce_weighted), shared by the prediction-figure test.</summary>
public sealed class TwoTinySceneRuns : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("asm-scene-figures-").FullName;
    public string Plain => Path.Combine(Folder, "ce-seed0");
    public string Weighted => Path.Combine(Folder, "ce_weighted-seed0");
    internal CliProcess.Result First { get; }
    internal CliProcess.Result Second { get; }

    public TwoTinySceneRuns()
    {
        First = CliProcess.Run(["train", "--method", "ce", "--out", Plain, .. TinySceneRun.Flags]);
        Second = CliProcess.Run(["train", "--method", "ce", "--out", Weighted, "--set", "loss.classWeighting=medianFrequency", .. TinySceneRun.Flags]);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

/// <summary><c>asm figures</c> on multi-class records and checkpoints: which figures each kind gives, their numbers, and what is refused.</summary>
public sealed class MultiClassFiguresCliTests(TwoTinySceneRuns runs) : IClassFixture<TwoTinySceneRuns>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("asm-class-figures-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Records => Path.Combine(_dir, "records");
    private string Out => Path.Combine(_dir, "figures");

    // Class a: ce 0.6 / 0.8, asm+ce 0.7 / 0.9: Δ +0.100, standard error √(0.02/2 + 0.02/2) = 0.141; ce_weighted one seed, 0.5: Δ −0.200, no error.
    // Confusion: ce's class a right in both seeds (a dark diagonal cell), asm+ce's class c right (another).
    private void WriteStudy()
    {
        long[][] ce = [[4, 0, 0], [1, 1, 2], [0, 2, 2]], asm = [[2, 2, 0], [0, 3, 1], [0, 0, 4]];
        ClassRecordFiles.Write(Records, "ce", 0, ClassRecordFiles.Scores([0.6, 0.4, 0.3], [0.5, 0.3, 0.2], ce), [0.2, 0.3, 0.4]);
        ClassRecordFiles.Write(Records, "ce", 1, ClassRecordFiles.Scores([0.8, 0.4, 0.3], [0.5, 0.3, 0.2], ce), [0.2, 0.3, 0.4]);
        ClassRecordFiles.Write(Records, "asm+ce", 0, ClassRecordFiles.Scores([0.7, 0.5, 0.3], [0.6, 0.3, 0.2], asm), [0.1, 0.3, 0.5]);
        ClassRecordFiles.Write(Records, "asm+ce", 1, ClassRecordFiles.Scores([0.9, 0.5, 0.3], [0.6, 0.3, 0.2], asm), [0.1, 0.3, 0.5]);
        ClassRecordFiles.Write(Records, "ce_weighted", 0, ClassRecordFiles.Scores([0.5, 0.6, null], [0.4, 0.5, null], ce), [0.3, 0.3, 0.3]);
    }

    [ChromiumFact]
    public void Multi_class_records_give_per_class_differences_the_confusion_pair_and_the_per_epoch_charts()
    {
        WriteStudy();
        string pilot = Path.Combine(_dir, "pilot");
        ClassRecordFiles.Write(pilot, "ce", 0, ClassRecordFiles.Scores([0.5, 0.5, 0.5], [0.5, 0.5, 0.5], [[1, 0, 0], [0, 1, 0], [0, 0, 1]]),
            [0.1, 0.2], holdout: 0.2, sweepLayout: true);

        var result = CliProcess.Run("figures", "--records", Records, "--curves", pilot, "--out", Out);
        Assert.True(result.ExitCode == 0, result.Stderr);

        var sections = CaptionFile.Sections(File.ReadAllText(Path.Combine(Out, FiguresCommand.CaptionsFile)));
        Assert.Equal(["test-miou-per-epoch.png", "class-iou-delta.png", "class-boundary-f-delta.png", "confusion-ce-vs-asm+ce.png", "holdout-miou-per-epoch.png"],
            sections.Select(s => s.File));
        foreach (var (file, _) in sections) Assert.True(File.Exists(Path.Combine(Out, file)), $"{file} was not drawn");
        string deltas = sections[1].Text;
        // Rows in the kit's method order: ce's weighted row before asm+ce.
        Assert.Contains("| class | ce (IoU) | ce, weighted Δ | asm+ce Δ |", deltas);
        Assert.Contains("| a | 0.700 | −0.200 | +0.100 ± 0.141 |", deltas);
        Assert.Contains("| c | 0.300 | – | 0.000 ± 0.000 |", deltas);
        Assert.Contains("| a | 0.500 | −0.100 | +0.100 ± 0.000 |", sections[2].Text);
        Assert.Contains("| a | 1.000 | – | 0.500 | b 0.500 |", sections[3].Text);
        Assert.Contains("held-out training images", sections[4].Text);
        Assert.DoesNotContain("held-out", sections[0].Text);

        // Bars of both rows ("ce, weighted" in the palette's first colour, asm+ce in its second).
        using var bars = Image.Load<Rgb24>(Path.Combine(Out, "class-iou-delta.png"));
        Assert.Equal((800, 460), (bars.Width, bars.Height));
        Assert.True(ColourCount.Near(bars, new Rgb24(0x4c, 0x78, 0xa8), 12) > 300, "no ce, weighted bars");
        Assert.True(ColourCount.Near(bars, new Rgb24(0xf5, 0x85, 0x18), 12) > 300, "no asm+ce bars");
        // A share of 1 has the scale's darkest blue, in each half (the colour bar, in the right margin, left out): both
        // matrices drawn on the one scale.
        using var confusion = Image.Load<Rgb24>(Path.Combine(Out, "confusion-ce-vs-asm+ce.png"));
        var darkest = new Rgb24(0x08, 0x30, 0x6b);
        Assert.True(ColourCount.Near(confusion, darkest, 12, 0, confusion.Width / 2) > 500, "no share of 1 in ce's matrix");
        Assert.True(ColourCount.Near(confusion, darkest, 12, confusion.Width / 2, confusion.Width - 100) > 500, "no share of 1 in asm+ce's matrix");
    }

    [Theory]
    [InlineData("binary", "--baseline", "ce", "--baseline: the per-class figures need multi-class records")]
    [InlineData("binary", "--confusion", "ce,asm+ce", "--confusion: the per-class figures need multi-class records")]
    [InlineData("classes", "--questions", "QUESTIONS", "--questions: the study charts show foreground IoU of figure-ground records")]
    [InlineData("classes", "--baseline", "nope", "--baseline: no records of row 'nope'")]
    [InlineData("classes", "--confusion", "ce,asm", "--confusion: no records of row 'asm'")]
    [InlineData("classes", "--methods", "ce,ce+lovasz", "--methods: no records of row 'ce+lovasz'")]
    [InlineData("mixed", "--seed", "0", "holds figure-ground records (bce) and multi-class ones")]
    public void An_option_or_folder_of_the_other_kind_of_records_exits_2_before_anything_is_drawn(string records, string option, string value, string message)
    {
        string folder = records == "binary" ? Path.Combine(TestPaths.RepoRoot, "docs", "results") : Records;
        WriteStudy();
        if (records == "mixed")
        {
            string bce = Path.Combine(Records, "bce-seed0");
            Directory.CreateDirectory(bce);
            File.Copy(Path.Combine(TestPaths.RepoRoot, "docs", "results", "bce-seed0", "result.json"), Path.Combine(bce, "result.json"));
        }
        if (value == "QUESTIONS") value = Path.Combine(TestPaths.RepoRoot, "docs", "study", "questions.json");

        var result = CliProcess.Run("figures", "--records", folder, option, value, "--out", Out);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.False(Directory.Exists(Out), "nothing may be written");
        if (message.Contains("no records of row")) Assert.Contains("its rows: ce, ce_weighted, asm+ce", result.Stderr);
    }

    [ChromiumFact]
    public void Multi_class_checkpoints_give_their_predictions_in_class_colours_where_they_differ_most()
    {
        Assert.True(runs.First.ExitCode == 0, runs.First.Stderr);
        Assert.True(runs.Second.ExitCode == 0, runs.Second.Stderr);
        var result = CliProcess.Run("figures", "--checkpoints", $"{runs.Plain},{Path.Combine(runs.Weighted, "checkpoint")}", "--count", "2", "--threads", "1",
            "--data", "scenes", "--out", Out);
        Assert.True(result.ExitCode == 0, result.Stderr);

        var section = Assert.Single(CaptionFile.Sections(File.ReadAllText(Path.Combine(Out, FiguresCommand.CaptionsFile))));
        Assert.Equal(FiguresCommand.PredictionsFile, section.File);
        // Columns named by their rows, "ce_weighted" read as "ce, weighted".
        Assert.Contains("| image | ce mIoU | ce acc | ce, weighted mIoU | ce, weighted acc |", section.Text);
        var rows = section.Text.Split('\n').Where(l => l.StartsWith("| scenes-")).Select(l => l.Split('|', StringSplitOptions.TrimEntries)).ToList();
        Assert.Equal(2, rows.Count);
        var spreads = rows.Select(r => Math.Abs(double.Parse(r[2], CultureInfo.InvariantCulture) - double.Parse(r[4], CultureInfo.InvariantCulture))).ToList();
        Assert.True(spreads[0] >= spreads[1] - 0.0015, $"rows not ordered by mIoU difference: {string.Join(", ", spreads)}");

        // Label maps in the scenes' colours: sky #808080 and road #804080 fill much of every truth and prediction.
        using var grid = Image.Load<Rgb24>(Path.Combine(Out, FiguresCommand.PredictionsFile));
        Assert.True(grid.Width > 4 * 160 && grid.Height > 2 * 120, $"{grid.Width}×{grid.Height} is too small for 2 rows of 4 tiles");
        Assert.True(ColourCount.Near(grid, new Rgb24(0x80, 0x40, 0x80), 12) > 2000, "no road-coloured pixels");
    }

}
