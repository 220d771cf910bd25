using Asm.Research.Metrics;
using Asm.Research.Training;
using Spectre.Console;

namespace Asm.Research.Cli.Output;

/// <summary>Human-readable tables of test scores.</summary>
public static class ResultTable
{
    private static readonly (string Key, string Title)[] Columns =
        [("iou", "IoU"), ("iou_pooled", "IoU pooled"), ("miou", "mIoU"), ("pixel_acc", "pixel acc"), ("boundary_f", "boundary F"), ("boundary_iou", "boundary IoU")];

    /// <summary>One row per resolution for a single run or evaluation.</summary>
    public static void Scores(string title, SegmentationScores model, SegmentationScores original)
    {
        var table = new Table().Title(Markup.Escape(title)).AddColumn("resolution").AddColumn("n");
        foreach (var (_, name) in Columns) table.AddColumn(name, c => c.RightAligned());
        table.AddRow(Row("model", model));
        table.AddRow(Row("original", original));
        Write(table);
    }

    /// <summary>mean ± std over seeds, one row per method and resolution.</summary>
    public static void Summary(Dictionary<string, Dictionary<string, double[]>> summary, int seeds)
    {
        var table = new Table().Title($"test scores, mean ± std over {seeds} seed(s)").AddColumn("method").AddColumn("resolution");
        foreach (var (_, name) in Columns) table.AddColumn(name, c => c.RightAligned());
        table.AddColumn("train s", c => c.RightAligned());
        foreach (var (method, values) in summary)
            foreach (var suffix in new[] { "", "_original" })
            {
                var cells = new List<string> { Markup.Escape(method), suffix == "" ? "model" : "original" };
                cells.AddRange(Columns.Select(c => Format(values[c.Key + suffix])));
                cells.Add(suffix == "" ? $"{values["train_seconds"][0]:0}" : "");
                table.AddRow(cells.ToArray());
            }
        Write(table);
    }

    /// <summary>
    /// The reproduction table as Markdown: per setting, mean ± std of foreground IoU, boundary F and
    /// boundary IoU at model and at original resolution, and training minutes.
    /// </summary>
    public static string Markdown(IReadOnlyList<(string Label, int Runs, Dictionary<string, double[]> Values)> summary)
    {
        string[] keys = ["iou", "boundary_f", "boundary_iou", "iou_original", "boundary_f_original", "boundary_iou_original"];
        var text = new System.Text.StringBuilder();
        text.AppendLine("| method | runs | IoU | boundary F | boundary IoU | IoU (original) | boundary F (original) | boundary IoU (original) | train min |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var (label, runs, values) in summary)
        {
            var train = values["train_seconds"];
            text.Append($"| {label} | {runs} | ")
                .AppendJoin(" | ", keys.Select(k => MarkdownCell(values[k], runs)))
                .AppendLine(System.FormattableString.Invariant($" | {train[0] / 60:0.0} |"));
        }
        return text.ToString();
    }

    // One seed has no spread to show; "± 0.000" would claim one.
    private static string MarkdownCell(double[] meanStd, int runs) => runs > 1
        ? System.FormattableString.Invariant($"{meanStd[0]:0.000} ± {meanStd[1]:0.000}")
        : System.FormattableString.Invariant($"{meanStd[0]:0.000}");

    // Redirected output (a log file, a pipe) gets Spectre's 80-column default, which wraps every cell.
    private static void Write(Table table)
    {
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 160);
        AnsiConsole.Write(table);
    }

    private static string[] Row(string resolution, SegmentationScores s) =>
        [resolution, s.N.ToString(), $"{s.Iou:0.0000}", $"{s.IouPooled:0.0000}", $"{s.MIou:0.0000}", $"{s.PixelAcc:0.0000}", $"{s.BoundaryF:0.0000}", $"{s.BoundaryIou:0.0000}"];

    private static string Format(double[] meanStd) => $"{meanStd[0]:0.0000} ± {meanStd[1]:0.0000}";
}
