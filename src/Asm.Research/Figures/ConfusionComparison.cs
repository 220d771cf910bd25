using System.Globalization;
using System.Text;
using Asm.Research.Visuals;
using Plotly.NET;

namespace Asm.Research.Figures;

/// <summary>
/// Two rows' confusion matrices side by side (e.g. ce and asm+ce): each row's counts summed over its seeds, then
/// row-normalised (<see cref="ConfusionHeatmap.RowShares"/>: a cell is the share of the true class's pixels predicted as
/// the column's class), on one colour scale [0, 1] so that the same shade means the same share in both. Summing before
/// normalising weighs every test pixel once; averaging per-seed shares would not change much here (every seed sees
/// the same test pixels) but would break for a class a seed never saw.
/// </summary>
/// <param name="Left">The first row (left matrix).</param>
/// <param name="Right">The second row (right matrix).</param>
public sealed record ConfusionComparison(ClassScoreSet Left, ClassScoreSet Right)
{
    // Pixels per matrix cell: room for a printed share ("0.93") at plotly's default font.
    private const int Cell = 46;
    // Margins and the gap between the matrices, in pixels: class names on the left of each, colour bar on the right.
    private const int MarginLeft = 110, MarginRight = 100, Gap = 130, MarginTop = 80, MarginBottom = 110;

    /// <summary>The two rows compared.</summary>
    /// <exception cref="ArgumentException">They were scored on different classes.</exception>
    public static ConfusionComparison Of(ClassScoreSet left, ClassScoreSet right)
    {
        if (!left.Classes.SequenceEqual(right.Classes))
            throw new ArgumentException($"{left.Label} and {right.Label} were scored on different classes; their confusion cannot be compared cell by cell.", nameof(right));
        return new ConfusionComparison(left, right);
    }

    /// <summary>The class names, label order (both axes of both matrices).</summary>
    public IReadOnlyList<string> Classes => Left.Classes;

    /// <summary>A row's summed confusion, row-normalised: [truth][prediction]; a true class without pixels is a row of nulls.</summary>
    public static double?[][] Shares(ClassScoreSet row) => ConfusionHeatmap.RowShares(row.Confusion());

    /// <summary>The chart's size in pixels: square cells, two matrices, their labels and the colour bar.</summary>
    public (int Width, int Height) Size => (2 * Side + Gap + MarginLeft + MarginRight, Side + MarginTop + MarginBottom);

    private int Side => Cell * Classes.Count;

    /// <summary>The two heat maps, true classes down (first at the top), predicted ones along, values printed in the cells, one colour bar.</summary>
    public GenericChart Chart()
    {
        var left = ConfusionHeatmap.Trace(Left.Confusion(), Classes);
        left.SetProperty("showscale", false);
        var right = ConfusionHeatmap.Trace(Right.Confusion(), Classes);
        right.SetProperty("xaxis", "x2");
        right.SetProperty("yaxis", "y2");

        double plot = 2 * Side + Gap, split = Side / plot;
        var layout = Charts.Layout("Confusion per true class (rows sum to 1; seeds pooled)", "predicted class", "true class");
        Charts.SetNested(layout, "xaxis", "domain", new[] { 0.0, split });
        Charts.SetNested(layout, "yaxis", "autorange", "reversed");
        layout.SetProperty("xaxis2", new Dictionary<string, object>
        {
            ["domain"] = new[] { 1 - split, 1.0 }, ["anchor"] = "y2", ["title"] = new Dictionary<string, object> { ["text"] = "predicted class" },
        });
        layout.SetProperty("yaxis2", new Dictionary<string, object> { ["anchor"] = "x2", ["autorange"] = "reversed" });
        layout.SetProperty("annotations", new[] { Heading(Left, split / 2), Heading(Right, 1 - split / 2) });
        layout.SetProperty("margin", new Dictionary<string, object> { ["t"] = MarginTop, ["l"] = MarginLeft, ["r"] = MarginRight, ["b"] = MarginBottom });
        return Charts.Combine([GenericChart.ofTraceObject(true, left), GenericChart.ofTraceObject(true, right)], layout);
    }

    /// <summary>The chart's file name, e.g. <c>confusion-ce-vs-asm+ce.png</c>.</summary>
    public string FileName => $"confusion-{Left.Label.Replace('/', '-')}-vs-{Right.Label.Replace('/', '-')}.png";

    /// <summary>The caption: how the matrices were made and <see cref="MarkdownTable"/>.</summary>
    public string Caption(string records) =>
        $"Confusion of {RowLabels.Display(Left.Label)} (left, {Seeds(Left)}) and {RowLabels.Display(Right.Label)} (right, {Seeds(Right)}) on the test split at model " +
        $"resolution, records `{records}/<row>-seed<N>/result.json`: each row's confusion counts summed over its seeds, then each true class's " +
        "counts divided by its pixels (rows: true class, columns: predicted class; each row sums to 1, void pixels not counted), one colour scale [0, 1].\n\n" +
        MarkdownTable();

    private static string Seeds(ClassScoreSet row) => $"{row.Seeds.Count} seed{(row.Seeds.Count == 1 ? "" : "s")}";

    /// <summary>
    /// A Markdown table: per true class, each row's share predicted right (the diagonal) and the class it is most often
    /// predicted as instead with that share; then each row's share of all counted pixels off the diagonal.
    /// </summary>
    public string MarkdownTable()
    {
        var sides = new[] { Left, Right };
        var shares = sides.Select(Shares).ToList();
        var text = new StringBuilder("| true class |")
            .AppendJoin("", sides.Select(s => $" {RowLabels.Display(s.Label)}: right | {RowLabels.Display(s.Label)}: most often predicted instead |")).AppendLine()
            .Append("|---|").AppendJoin("", sides.Select(_ => "---|---|")).AppendLine();
        for (int t = 0; t < Classes.Count; t++)
        {
            text.Append($"| {Classes[t]} |");
            foreach (var row in shares)
            {
                var wrong = Enumerable.Range(0, Classes.Count).Where(p => p != t && row[t][p] is > 0).OrderByDescending(p => row[t][p]).ThenBy(p => p).ToList();
                text.Append($" {Share(row[t][t])} | {(wrong.Count == 0 ? "–" : $"{Classes[wrong[0]]} {Share(row[t][wrong[0]])}")} |");
            }
            text.AppendLine();
        }
        text.AppendLine().Append("Share of all counted test pixels off the diagonal: ")
            .AppendJoin(", ", sides.Select(s => $"{RowLabels.Display(s.Label)} {Share(s.OffDiagonal())}")).AppendLine(".");
        return text.ToString();
    }

    private static Dictionary<string, object> Heading(ClassScoreSet row, double x) => new()
    {
        ["text"] = $"{RowLabels.Display(row.Label)} ({Seeds(row)})",
        ["x"] = x, ["y"] = 1.0, ["xref"] = "paper", ["yref"] = "paper", ["xanchor"] = "center", ["yanchor"] = "bottom",
        ["showarrow"] = false, ["font"] = new Dictionary<string, object> { ["size"] = 14 },
    };

    private static string Share(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "–";
}
