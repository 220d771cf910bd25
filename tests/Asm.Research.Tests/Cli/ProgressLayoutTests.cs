using Asm.Research.Cli.Output;
using Asm.Research.Metrics;
using Asm.Research.Training;
using Spectre.Console;

namespace Asm.Research.Tests.Cli;

/// <summary>The live progress of train and compare at 80 and 100 columns: one line per run, bar and times on it, nothing wrapped.</summary>
public sealed class ProgressLayoutTests
{
    // ASM + BCE reports the most losses of any method; a long label is compare's "asm+bce seed 12".
    private static TrainingProgress Asm(long step) => new("asm+bce", 3, 40, step, 100,
        new Dictionary<string, double> { ["match"] = 0.2598, ["adv"] = 1.3783, ["bce"] = 0.5418, ["rec"] = 0.1180 },
        12.34, TimeSpan.FromSeconds(110), TimeSpan.FromMinutes(93), null);

    [Theory]
    [InlineData(80)]
    [InlineData(100)]
    [InlineData(60)]
    public void Every_line_fits_the_terminal_with_the_bar_and_both_times(int width)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.Yes, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.Yes,
        });
        console.Profile.Width = width;
        string[] labels = ["asm+bce seed 12", "bce seed 0"];
        ProgressLine.Display(console).Start(context =>
        {
            for (int i = 0; i < labels.Length; i++)
            {
                var progress = new SpectreTaskProgress(context.AddTask(labels[i], autoStart: false, maxValue: 1), labels[i], () => width);
                progress.Report(Asm(50));
            }
        });

        // The last frame: strip the cursor movements and take the lines that hold a run.
        string plain = System.Text.RegularExpressions.Regex.Replace(writer.ToString(), @"\x1b\[[0-9;?]*[A-Za-z]", "\n");
        var lines = plain.Split('\n').Where(l => l.Contains("seed", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(lines);
        foreach (string line in lines.TakeLast(labels.Length))
        {
            Assert.True(line.TrimEnd().Length < width, $"{line.TrimEnd().Length} columns at width {width}: '{line}'");
            Assert.Matches(@"50%\s+\d\d:\d\d:\d\d\s+\d\d:\d\d:\d\d", line);
        }
    }

    [Fact]
    public void The_description_keeps_run_and_epoch_and_drops_whole_parts_only()
    {
        string wide = ProgressLine.Describe("asm+bce seed 0", Asm(50), 200);
        Assert.Equal("asm+bce seed 0 3/40 match 0.260 adv 1.378 bce 0.542 rec 0.118 12.3 img/s", wide);
        string narrow = ProgressLine.Describe("asm+bce seed 0", Asm(50), 41);
        Assert.Equal("asm+bce seed 0 3/40 match 0.260 adv 1.378", narrow);
        Assert.Equal("a-very-long-method-na…", ProgressLine.Describe("a-very-long-method-name seed 0", Asm(50), 22));
    }
}
