using System.Globalization;
using Asm.Research.Training;
using Spectre.Console;

namespace Asm.Research.Cli.Output;

/// <summary>
/// The live progress display of <c>train</c> and <c>compare</c>, laid out for the terminal's width: the bar and the
/// time columns have fixed widths, and each task's description keeps what fits, most useful first (run and epoch,
/// last test score, the losses, speed), so nothing wraps at 80 or 100 columns however many losses a method has.
/// </summary>
public static class ProgressLine
{
    /// <summary>The bar's width in columns.</summary>
    public const int BarWidth = 12;

    // Beside the description: the bar, "100%", elapsed and remaining "00:00:00", and one column of space between columns,
    // plus one spare so a line never touches the terminal's last column (some terminals wrap there).
    private const int Fixed = BarWidth + 4 + 8 + 8 + 4 + 1;

    /// <summary>The progress display on <paramref name="console"/>, with the columns <see cref="Describe"/> is sized for.</summary>
    public static Progress Display(IAnsiConsole console) => console.Progress()
        .AutoClear(false)
        .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = BarWidth },
                 new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn());

    /// <summary>Columns left for a description on a terminal <paramref name="width"/> columns wide (at least 16).</summary>
    public static int DescriptionWidth(int width) => Math.Max(16, width - Fixed);

    /// <summary>The description of <paramref name="label"/>'s run at <paramref name="p"/>, at most <paramref name="budget"/> columns.</summary>
    public static string Describe(string label, TrainingProgress p, int budget)
    {
        string head = $"{label} {p.Epoch}/{p.Epochs}";
        if (head.Length > budget) return head[..(budget - 1)] + "…";
        var parts = new List<string>();
        if (p.LastTest is { } test) parts.Add(Invariant($"{test.HeadlineName} {test.Headline:0.000}"));
        parts.AddRange(p.Losses.Select(kv => Invariant($"{kv.Key} {kv.Value:0.000}")));
        parts.Add(Invariant($"{p.ImagesPerSecond:0.0} img/s"));
        var text = new System.Text.StringBuilder(head);
        foreach (string part in parts)
        {
            // Parts are dropped, never cut: a half-shown number would read as another number.
            if (text.Length + 1 + part.Length <= budget) text.Append(' ').Append(part);
        }
        return text.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
