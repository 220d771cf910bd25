using System.Globalization;
using System.Net;
using System.Text;
using Asm.Research.Data.Tasks;

namespace Asm.Research.Visuals;

/// <summary>
/// Per-class scores as an HTML table: one row per class (its colour swatch when the task is known, its name, its
/// share of the test pixels), and IoU, accuracy and boundary F for each setting (means over its seeds). An absent
/// class shows "–", not 0; with several settings the best per class and metric is bold (unless all are equal).
/// </summary>
public static class ClassScoresTable
{
    private static readonly ClassMetric[] Columns = [ClassMetric.Iou, ClassMetric.Accuracy, ClassMetric.BoundaryF];
    // Cell styles, shared with the other class tables (ClassSharesTable).
    internal const string Cell = "text-align:right;padding:2px 8px";
    internal const string Head = "padding:2px 8px;border-bottom:1px solid #888";

    /// <summary>The table; <paramref name="task"/> (optional) gives the classes' colours.</summary>
    /// <exception cref="ArgumentException">No settings, or settings of different classes.</exception>
    public static string ToHtml(IReadOnlyList<ClassScoreSet> settings, SegmentationTask? task = null, string? caption = null)
    {
        if (settings.Count == 0) throw new ArgumentException("A per-class table needs at least one setting.", nameof(settings));
        var classes = settings[0].Classes;
        var odd = settings.FirstOrDefault(s => !s.Classes.SequenceEqual(classes));
        if (odd is not null)
            throw new ArgumentException($"{odd.Label} was scored on other classes than {settings[0].Label}; one table needs one set of classes.", nameof(settings));
        var values = settings.Select(s => Columns.Select(s.Mean).ToArray()).ToArray(); // [setting][metric][class]
        // The test pixels are the same for every setting, so the first setting's truth counts give each class's share.
        var truth = settings[0].Confusion().Select(row => row.Sum()).ToArray();
        long total = truth.Sum();
        bool several = settings.Count > 1;

        var html = new StringBuilder("<table class=\"asm-class-table\" style=\"border-collapse:collapse;font-family:monospace\">");
        if (!string.IsNullOrEmpty(caption)) html.Append("<caption style=\"text-align:left\">").Append(WebUtility.HtmlEncode(caption)).Append("</caption>");
        html.Append("<thead>");
        if (several)
        {
            html.Append($"<tr><th colspan=\"2\"></th>");
            foreach (var s in settings)
                html.Append($"<th colspan=\"{Columns.Length}\" style=\"{Head};text-align:center\">").Append(WebUtility.HtmlEncode(s.Label)).Append("</th>");
            html.Append("</tr>");
        }
        html.Append($"<tr><th style=\"{Head};text-align:left\">class</th><th style=\"{Head};text-align:right\">pixels</th>");
        foreach (var _ in settings)
            foreach (var m in Columns)
                html.Append($"<th style=\"{Head};text-align:right\">").Append(ClassScoreSet.Name(m)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        for (int c = 0; c < classes.Count; c++)
        {
            html.Append("<tr><td style=\"text-align:left;padding:2px 8px\">").Append(Swatch(task, classes[c]))
                .Append(WebUtility.HtmlEncode(classes[c])).Append("</td>");
            html.Append($"<td style=\"{Cell}\">").Append(total == 0 ? "–" : (100.0 * truth[c] / total).ToString("0.0", CultureInfo.InvariantCulture) + "%").Append("</td>");
            for (int s = 0; s < settings.Count; s++)
                for (int m = 0; m < Columns.Length; m++)
                {
                    double? v = values[s][m][c];
                    var others = values.Select(setting => setting[m][c]).OfType<double>().ToList();
                    // Bold only a real lead: when every setting scores the same there is no best.
                    bool best = several && v is { } x && others.Count > 1 && x == others.Max() && others.Min() < x;
                    string text = v is { } y ? y.ToString("0.000", CultureInfo.InvariantCulture) : "–";
                    html.Append($"<td style=\"{Cell}\">").Append(best ? $"<b>{text}</b>" : text).Append("</td>");
                }
            html.Append("</tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>The table as a displayable <see cref="HtmlView"/>.</summary>
    public static HtmlView View(IReadOnlyList<ClassScoreSet> settings, SegmentationTask? task = null, string? caption = null) =>
        new(ToHtml(settings, task, caption));

    /// <summary>A small square in the class's colour before its name, or nothing when the task is unknown.</summary>
    internal static string Swatch(SegmentationTask? task, string name) =>
        task?.Classes.FirstOrDefault(c => c.Name == name) is { } cls
            ? $"<span style=\"display:inline-block;width:10px;height:10px;background:{WebUtility.HtmlEncode(cls.Colour)};border:1px solid #888;margin-right:6px;vertical-align:middle\"></span>"
            : "";
}
