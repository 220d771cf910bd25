using System.Globalization;
using Asm.Research.Metrics;
using Asm.Research.Metrics.Classes;
using Asm.Research.Training;

namespace Asm.Research.Reports;

/// <summary>
/// The per-class tables of a multi-class study, from its run groups (<see cref="ComparisonSummary.ByConfig"/>):
/// per-class IoU or boundary F, and the confusion pairs' shares, each cell the mean ± sample std over the
/// group's seeds. Cells are text, so the same table prints to a terminal and to Markdown.
/// </summary>
public static class ClassTables
{
    /// <summary>A table: column headers and rows of cells (the first cell is the group's label).</summary>
    public sealed record Table(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows)
    {
        /// <summary>The table as Markdown (a '|' in a cell is escaped).</summary>
        public string Markdown()
        {
            var text = new System.Text.StringBuilder();
            text.Append("| ").AppendJoin(" | ", Headers.Select(Escape)).AppendLine(" |");
            text.Append('|').AppendJoin("", Headers.Select(_ => "---|")).AppendLine();
            foreach (var row in Rows) text.Append("| ").AppendJoin(" | ", row.Select(Escape)).AppendLine(" |");
            return text.ToString();
        }

        private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);
    }

    /// <summary>Which per-class score a table shows.</summary>
    public enum ClassScore
    {
        /// <summary>IoU from the pooled confusion matrix.</summary>
        Iou,
        /// <summary>Boundary F (2 px by default).</summary>
        BoundaryF,
    }

    /// <summary>One row per group, one column per class: the class's <paramref name="score"/> over the group's seeds.</summary>
    /// <exception cref="ArgumentException">A record has no per-class scores, or the groups' classes differ.</exception>
    public static Table PerClass(IReadOnlyList<RunGroup> groups, ClassScore score, bool original = false)
    {
        var classes = ClassNames(groups, original);
        var rows = groups.Select(g => (IReadOnlyList<string>)[g.Label, .. classes.Select((_, c) => Cell(Scores(g, original).Select(s =>
            score == ClassScore.Iou ? s.Iou[c] : s.BoundaryF[c])))]).ToList();
        return new Table(["method", .. classes], rows);
    }

    /// <summary>
    /// One row per group: for each named pair a↔b, the share of a's pixels predicted as b and of b's as a, then the
    /// share of all counted pixels off the diagonal.
    /// </summary>
    /// <exception cref="ArgumentException">A record has no per-class scores, or the groups' pairs differ.</exception>
    public static Table ConfusionPairs(IReadOnlyList<RunGroup> groups, bool original = false)
    {
        ClassNames(groups, original);
        var pairs = Scores(groups[0], original)[0].Pairs.Select(p => (p.A, p.B)).ToList();
        foreach (var g in groups)
            foreach (var s in Scores(g, original))
                if (!s.Pairs.Select(p => (p.A, p.B)).SequenceEqual(pairs))
                    throw new ArgumentException($"{g.Label}: its records name other confusion pairs than {groups[0].Label}'s; tabulate one task at a time.");
        string[] headers = ["method", .. pairs.SelectMany(p => new[] { $"{p.A} → {p.B}", $"{p.B} → {p.A}" }), "off-diagonal"];
        var rows = groups.Select(g =>
        {
            var scores = Scores(g, original);
            var cells = new List<string> { g.Label };
            for (int i = 0; i < pairs.Count; i++)
            {
                cells.Add(Cell(scores.Select(s => s.Pairs[i].AAsB)));
                cells.Add(Cell(scores.Select(s => s.Pairs[i].BAsA)));
            }
            cells.Add(Cell(scores.Select(s => (double?)s.OffDiagonal)));
            return (IReadOnlyList<string>)cells;
        }).ToList();
        return new Table(headers, rows);
    }

    private static IReadOnlyList<string> ClassNames(IReadOnlyList<RunGroup> groups, bool original)
    {
        if (groups.Count == 0) throw new ArgumentException("No run groups to tabulate.", nameof(groups));
        var classes = Scores(groups[0], original)[0].Classes;
        foreach (var g in groups)
            foreach (var s in Scores(g, original))
                if (!s.Classes.SequenceEqual(classes))
                    throw new ArgumentException($"{g.Label}: its records have other classes than {groups[0].Label}'s; tabulate one task at a time.");
        return classes;
    }

    private static List<ClassScores> Scores(RunGroup group, bool original) => group.Members.Select(m =>
        (original ? m.Run.TestOriginal : m.Run.Test).Classes
            ?? throw new ArgumentException($"{m.Path}: no per-class scores (a figure-ground record?); per-class tables are for multi-class records.")).ToList();

    // Mean ± sample std over the seeds that have the score; "–" where none has it, and a note of how many do when some lack it.
    private static string Cell(IEnumerable<double?> values)
    {
        var all = values.ToList();
        var present = all.Where(v => v.HasValue).Select(v => v!.Value).ToList();
        if (present.Count == 0) return "–";
        var stat = MeanStd.Of(present);
        string text = stat.Count < 2
            ? stat.Mean.ToString("0.000", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{stat.Mean:0.000} ± {stat.Std:0.000}");
        return present.Count < all.Count ? $"{text} ({present.Count} of {all.Count})" : text;
    }
}
