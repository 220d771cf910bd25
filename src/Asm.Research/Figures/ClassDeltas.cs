using System.Globalization;
using System.Text;
using Asm.Research.Visuals;
using Plotly.NET;

namespace Asm.Research.Figures;

/// <summary>
/// How much each row gains or loses per class against a baseline row, for one per-class metric (IoU or boundary F):
/// per row and class a <see cref="ClassDelta"/>. The chart is grouped bars (classes along x, one bar per row, ± the
/// standard error), the table the same numbers for a caption. Read per class: the question is which classes a
/// method helps (the thin ones?), which one mean over classes hides.
/// </summary>
/// <param name="Metric">The per-class metric compared.</param>
/// <param name="Baseline">The row the others are compared with.</param>
/// <param name="Rows">The other rows, in order, each with one delta per class (class order).</param>
public sealed record ClassDeltas(ClassMetric Metric, ClassScoreSet Baseline, IReadOnlyList<(ClassScoreSet Row, IReadOnlyList<ClassDelta> Deltas)> Rows)
{
    /// <summary>The class names, label order.</summary>
    public IReadOnlyList<string> Classes => Baseline.Classes;

    /// <summary>Each of <paramref name="rows"/> except the baseline itself, against <paramref name="baseline"/>.</summary>
    /// <exception cref="ArgumentException">A row was scored on other classes than the baseline.</exception>
    public static ClassDeltas Of(ClassScoreSet baseline, IEnumerable<ClassScoreSet> rows, ClassMetric metric)
    {
        var others = rows.Where(r => r.Label != baseline.Label).ToList();
        var odd = others.FirstOrDefault(r => !r.Classes.SequenceEqual(baseline.Classes));
        if (odd is not null)
            throw new ArgumentException($"{odd.Label} was scored on other classes than {baseline.Label}; a per-class difference needs the same classes.", nameof(rows));
        return new ClassDeltas(metric, baseline, others.Select(r => (r, (IReadOnlyList<ClassDelta>)Enumerable.Range(0, baseline.Classes.Count)
            .Select(c => ClassDelta.Of(r.PerSeed(metric, c), baseline.PerSeed(metric, c))).ToList())).ToList());
    }

    /// <summary>The metric's name in titles, e.g. "boundary F".</summary>
    public string MetricName => ClassScoreSet.Name(Metric);

    /// <summary>Grouped bars: classes along x, one bar per row (legend: the row and its seeds), ± the standard error where there is one.</summary>
    public GenericChart Chart()
    {
        var bars = Rows.Select(r =>
        {
            var pairs = Classes.Zip(r.Deltas).ToList();
            var errors = pairs.Where(p => p.Second.StandardError is not null).ToDictionary(p => p.First, p => p.Second.StandardError!.Value);
            return new MetricsRow(Legend(r.Row), pairs.Where(p => p.Second.Delta is not null).ToDictionary(p => p.First, p => p.Second.Delta!.Value),
                errors.Count > 0 ? errors : null, r.Row.Seeds.Count);
        });
        // Plotly's own y range: it keeps zero in view for bars, and a fixed one would flatten gains of a few hundredths.
        return Charts.GroupedBars(bars, Classes,
            $"Per-class test {MetricName} minus {Legend(Baseline)}, mean ± standard error",
            $"Δ {MetricName} vs {RowLabels.Display(Baseline.Label)}", "class");
    }

    /// <summary>The chart's file name: <c>class-iou-delta.png</c>, <c>class-boundary-f-delta.png</c>.</summary>
    public string FileName => $"class-{MetricName.ToLowerInvariant().Replace(' ', '-')}-delta.png";

    /// <summary>The chart's size in pixels: wide enough for a bar per row in every class's group.</summary>
    public (int Width, int Height) Size => (Math.Clamp(160 + Classes.Count * (12 * Rows.Count + 24), 800, 1600), 460);

    /// <summary>The caption: what was subtracted from what, what the whiskers are, and <see cref="MarkdownTable"/>.</summary>
    public string Caption(string records) =>
        $"Per-class test {MetricName} at model resolution, records `{records}/<row>-seed<N>/result.json`: for each row, the mean over its seeds " +
        $"minus the mean over `{Baseline.Label}`'s {Baseline.Seeds.Count} seed{(Baseline.Seeds.Count == 1 ? "" : "s")}. Whiskers: the standard error of that difference, " +
        "√(sd²/n + sd_b²/n_b) with sample standard deviations, none where either side has one seed. A seed in which a class has no score " +
        "(absent from truth and prediction) is left out of that class's means; – marks a class with none.\n\n" + MarkdownTable();

    /// <summary>
    /// A Markdown table: one line per class with the baseline's mean and each row's delta ± standard error
    /// (signed, three decimals; "–" where there is no delta).
    /// </summary>
    public string MarkdownTable()
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"| class | {RowLabels.Display(Baseline.Label)} ({MetricName}) |")
            .AppendJoin("", Rows.Select(r => $" {RowLabels.Display(r.Row.Label)} Δ |")).AppendLine()
            .Append("|---|---|").AppendJoin("", Rows.Select(_ => "---|")).AppendLine();
        var means = Baseline.Mean(Metric);
        for (int c = 0; c < Classes.Count; c++)
            text.Append(CultureInfo.InvariantCulture, $"| {Classes[c]} | {(means[c] is { } m ? Invariant($"{m:0.000}") : "–")} |")
                .AppendJoin("", Rows.Select(r => $" {Cell(r.Deltas[c])} |")).AppendLine();
        return text.ToString();
    }

    private static string Legend(ClassScoreSet row) =>
        $"{RowLabels.Display(row.Label)} ({row.Seeds.Count} seed{(row.Seeds.Count == 1 ? "" : "s")})";

    private static string Cell(ClassDelta d) => d switch
    {
        { Delta: null } => "–",
        { StandardError: { } se } => Invariant($"{d.Delta:+0.000;−0.000;0.000} ± {se:0.000}"),
        _ => Invariant($"{d.Delta:+0.000;−0.000;0.000}"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
