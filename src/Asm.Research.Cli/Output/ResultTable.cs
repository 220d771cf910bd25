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
        AnsiConsole.Write(table);
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
        AnsiConsole.Write(table);
    }

    private static string[] Row(string resolution, SegmentationScores s) =>
        [resolution, s.N.ToString(), $"{s.Iou:0.0000}", $"{s.IouPooled:0.0000}", $"{s.MIou:0.0000}", $"{s.PixelAcc:0.0000}", $"{s.BoundaryF:0.0000}", $"{s.BoundaryIou:0.0000}"];

    private static string Format(double[] meanStd) => $"{meanStd[0]:0.0000} ± {meanStd[1]:0.0000}";
}
