using System.Globalization;
using Asm.Research.Data.Tasks;
using Asm.Research.Metrics;
using Asm.Research.Training;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Asm.Research.Cli.Output;

/// <summary>
/// Human-readable tables of test scores, sized for a 100-column terminal: one row per method,
/// model and original resolution in two tables, ± only where two or more seeds give a spread,
/// and a closing line that says what the numbers show.
/// </summary>
public static class ResultTable
{
    /// <summary>The width every table here fits (and the width used when output is redirected).</summary>
    public const int Width = 100;

    // The single-run table shows every score the task has (SegmentationScores.FieldsFor).
    private static IReadOnlyList<ScoreField> Columns(TaskKinds kind) => SegmentationScores.FieldsFor(kind);

    // A summary row holds "0.000 ± 0.000" cells: four of them fit 100 columns beside a label.
    // The other scores stay in --json and in the single-run table.
    private static (string Key, string Title)[] SummaryColumns(TaskKinds kind) => kind == TaskKinds.Binary
        ? [("iou", "IoU"), ("miou", "mIoU"), ("boundary_f", "boundary F"), ("boundary_iou", "boundary IoU")]
        : [("miou", "mIoU"), ("pixel_acc", "pixel acc"), ("mean_class_acc", "class acc"), ("boundary_f", "boundary F")];

    /// <summary>One row per resolution for a single run or evaluation.</summary>
    public static void Scores(string title, SegmentationScores model, SegmentationScores original) =>
        Write(ScoresTable(title, model, original));

    /// <summary>The single-run table (for tests and callers that render it themselves).</summary>
    public static Table ScoresTable(string title, SegmentationScores model, SegmentationScores original)
    {
        var table = new Table().Title(Markup.Escape(title)).AddColumn("resolution").AddColumn("n");
        var columns = Columns(model.Kind);
        foreach (var field in columns) table.AddColumn(field.Title, c => c.RightAligned());
        table.AddRow(Row("model", model, columns));
        table.AddRow(Row("original", original, columns));
        return table;
    }

    /// <summary>
    /// Per class (multi-class scores only): IoU, accuracy and boundary F at model resolution, and the named
    /// confusion pairs; null for binary scores.
    /// </summary>
    public static IRenderable? ClassTables(SegmentationScores model)
    {
        if (model.Classes is not { } c) return null;
        var perClass = new Table().Title("per class (model resolution)").AddColumn("class")
            .AddColumn("IoU", x => x.RightAligned()).AddColumn("accuracy", x => x.RightAligned()).AddColumn("boundary F", x => x.RightAligned());
        for (int i = 0; i < c.Classes.Length; i++)
            perClass.AddRow(Markup.Escape(TerminalText.Plain(c.Classes[i])), Maybe(c.Iou[i]), Maybe(c.Accuracy[i]), Maybe(c.BoundaryF[i]));
        if (c.Pairs.Count == 0) return perClass;
        var pairs = new Table().Title(Invariant($"contextual confusion (all confusions: {c.OffDiagonal:0.000} of the pixels)"))
            .AddColumn("a").AddColumn("b").AddColumn("a's pixels as b", x => x.RightAligned()).AddColumn("b's pixels as a", x => x.RightAligned());
        foreach (var p in c.Pairs) pairs.AddRow(Markup.Escape(TerminalText.Plain(p.A)), Markup.Escape(TerminalText.Plain(p.B)), Maybe(p.AAsB), Maybe(p.BAsA));
        return new Rows(perClass, pairs);
    }

    /// <summary>Writes <see cref="ClassTables"/> when the scores have classes.</summary>
    public static void Classes(SegmentationScores model)
    {
        if (ClassTables(model) is { } tables) Write(tables);
    }

    /// <summary>
    /// Runs grouped by method (or setting), in display order: mean ± sample std over each group's
    /// seeds, and a closing line judged on the seeds' own ranges.
    /// </summary>
    public static void Summary(IReadOnlyList<(string Label, IReadOnlyList<RunResult> Runs)> groups) => Write(SummaryTables(groups));

    /// <summary>The summary tables and closing line as one renderable (for tests and callers that render it themselves).</summary>
    public static IRenderable SummaryTables(IReadOnlyList<(string Label, IReadOnlyList<RunResult> Runs)> groups)
    {
        var kind = groups.SelectMany(g => g.Runs).FirstOrDefault()?.Test.Kind ?? TaskKinds.Binary;
        var rows = ComparisonSummary.ByLabel(groups.SelectMany(g => g.Runs.Select(r => (g.Label, r))))
            .Select(s =>
            {
                var seeds = groups.First(g => g.Label == s.Label).Runs.Select(r => ComparisonSummary.Value(r, "boundary_f")).ToList();
                return new SummaryRow(s.Label, s.Runs, s.Values, (seeds.Min(), seeds.Max()));
            }).ToList();
        return SummaryTables(rows, Verdict(rows, "the seeds' ranges"), kind);
    }

    /// <summary>The closing line (<see cref="ComparisonVerdict"/>) of summarised rows.</summary>
    internal static string Verdict(IReadOnlyList<SummaryRow> rows, string spreadName) =>
        ComparisonVerdict.Line(rows.Select(r => new ComparisonVerdict.Setting(r.Label, r.Runs,
            r.Values["boundary_f"][0], r.Values["boundary_f"][1], r.Spread.Low, r.Spread.High)).ToList(), spreadName);

    /// <summary>
    /// The reproduction table as Markdown: per setting, mean ± std of foreground IoU, boundary F and
    /// boundary IoU at model and at original resolution, and training minutes.
    /// </summary>
    public static string Markdown(IReadOnlyList<(string Label, int Runs, Dictionary<string, double[]> Values)> summary)
    {
        // Multi-class records have mIoU and class accuracy where binary ones have foreground IoU and boundary IoU.
        bool binary = summary.Count == 0 || summary[0].Values.ContainsKey("iou");
        string[] keys = binary
            ? ["iou", "boundary_f", "boundary_iou", "iou_original", "boundary_f_original", "boundary_iou_original"]
            : ["miou", "boundary_f", "pixel_acc", "mean_class_acc", "miou_original", "boundary_f_original"];
        var text = new System.Text.StringBuilder();
        text.AppendLine(binary
            ? "| method | runs | IoU | boundary F | boundary IoU | IoU (original) | boundary F (original) | boundary IoU (original) | train min |"
            : "| method | runs | mIoU | boundary F | pixel acc | class acc | mIoU (original) | boundary F (original) | train min |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var (label, runs, values) in summary)
        {
            var train = values["train_seconds"];
            text.Append($"| {TerminalText.Plain(label).Replace("|", "\\|", StringComparison.Ordinal)} | {runs} | ")
                .AppendJoin(" | ", keys.Select(k => values.TryGetValue(k, out var v) ? Cell(v, runs) : "–"))
                .AppendLine(Invariant($" | {train[0] / 60:0.0} |"));
        }
        return text.ToString();
    }

    /// <summary>One summarised setting: its label, runs, key → [mean, std], and the low–high spread of its boundary F.</summary>
    internal sealed record SummaryRow(string Label, int Runs, Dictionary<string, double[]> Values, (double Low, double High) Spread);

    private static IRenderable SummaryTables(IReadOnlyList<SummaryRow> rows, string verdict, TaskKinds kind = TaskKinds.Binary)
    {
        int maxRuns = rows.Count == 0 ? 0 : rows.Max(r => r.Runs);
        bool sameRuns = rows.All(r => r.Runs == maxRuns);
        string spread = maxRuns < 2 ? "one seed, no spread" : sameRuns ? $"mean ± sample std over {maxRuns} seeds" : "mean ± sample std over each row's seeds";
        var model = SummaryTable($"test scores at model resolution ({spread})", rows, "", withCost: true, withRuns: !sameRuns, kind);
        // Data made at the working size (the built-in sets) scores the same at "original" resolution: one line, not a copy.
        IRenderable original = SameAtOriginalResolution(rows, kind)
            ? new Text("(the masks are at the working size, so the scores at each mask's own resolution are the same)")
            : SummaryTable("the same at each mask's own resolution", rows, "_original", withCost: false, withRuns: false, kind);
        return new Rows(model, original, new Text(TerminalText.Plain(verdict)));
    }

    private static bool SameAtOriginalResolution(IReadOnlyList<SummaryRow> rows, TaskKinds kind) =>
        rows.All(r => SummaryColumns(kind).All(c =>
            !r.Values.TryGetValue(c.Key, out var model) || r.Values.TryGetValue(c.Key + "_original", out var original) && model.SequenceEqual(original)));

    private static Table SummaryTable(string title, IReadOnlyList<SummaryRow> rows, string suffix, bool withCost, bool withRuns, TaskKinds kind)
    {
        var columns = SummaryColumns(kind);
        var table = new Table().Title(Markup.Escape(title)).AddColumn("method");
        if (withRuns) table.AddColumn("runs", c => c.RightAligned());
        foreach (var (_, name) in columns) table.AddColumn(name, c => c.RightAligned());
        if (withCost) table.AddColumn("train min", c => c.RightAligned());
        foreach (var row in rows)
        {
            var cells = new List<string> { Markup.Escape(TerminalText.Plain(row.Label)) };
            if (withRuns) cells.Add(row.Runs.ToString(CultureInfo.InvariantCulture));
            // A row of the other kind of task has no such score: a dash, not a crash or a made-up number.
            cells.AddRange(columns.Select(c => row.Values.TryGetValue(c.Key + suffix, out var v) ? Cell(v, row.Runs) : "–"));
            if (withCost) cells.Add(Invariant($"{row.Values["train_seconds"][0] / 60:0.0}"));
            table.AddRow(cells.ToArray());
        }
        return table;
    }

    // One seed has no spread to show; "± 0.000" would claim one.
    private static string Cell(double[] meanStd, int runs) => runs > 1
        ? Invariant($"{meanStd[0]:0.000} ± {meanStd[1]:0.000}")
        : Invariant($"{meanStd[0]:0.000}");

    /// <summary>
    /// A table of text cells turned on its side for a terminal: one row per column of <paramref name="headers"/> after
    /// the first, one column per row of <paramref name="rows"/> (a study has fewer settings than classes, so it fits).
    /// </summary>
    public static IRenderable Cells(string title, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var table = new Table().Title(Markup.Escape(TerminalText.Plain(title))).AddColumn("");
        foreach (var row in rows) table.AddColumn(new TableColumn(Markup.Escape(TerminalText.Plain(row[0]))).RightAligned());
        for (int i = 1; i < headers.Count; i++)
            table.AddRow([Markup.Escape(TerminalText.Plain(headers[i])), .. rows.Select(r => Markup.Escape(TerminalText.Plain(r[i])))]);
        return table;
    }

    // Redirected output (a log file, a pipe) gets Spectre's 80-column default, which wraps every cell.
    internal static void Write(IRenderable renderable)
    {
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, Width);
        AnsiConsole.Write(renderable);
    }

    private static string[] Row(string resolution, SegmentationScores s, IReadOnlyList<ScoreField> columns) =>
        [resolution, s.N.ToString(CultureInfo.InvariantCulture), .. columns.Select(f => Invariant($"{f.Read(s):0.0000}"))];

    // A class absent from the test set has no score: a dash, not a made-up 0.
    private static string Maybe(double? value) => value is { } v ? Invariant($"{v:0.000}") : "–";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
