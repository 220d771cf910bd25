using System.Globalization;
using System.Net;
using System.Text;

namespace Asm.Research.Visuals;

/// <summary>Metrics of several methods as an HTML table (methods as rows, metrics as columns, mean ± std).</summary>
public static class MetricsTable
{
    /// <summary>
    /// The table, columns in first-seen order unless <paramref name="metrics"/> names them; the best
    /// value per column (highest, or lowest for names in <paramref name="lowerIsBetter"/>) is bold.
    /// <paramref name="columnDigits"/> gives some columns their own number of decimals (e.g. seconds: 0).
    /// </summary>
    public static string ToHtml(IEnumerable<MetricsRow> rows, IReadOnlyList<string>? metrics = null, int digits = 3,
                                string? caption = null, IReadOnlySet<string>? lowerIsBetter = null,
                                IReadOnlyDictionary<string, int>? columnDigits = null)
    {
        var list = rows.ToList();
        var columns = metrics ?? list.SelectMany(r => r.Mean.Keys).Distinct().ToList();
        string Format(string column) => "F" + (columnDigits is not null && columnDigits.TryGetValue(column, out int d) ? d : digits).ToString(CultureInfo.InvariantCulture);
        var best = columns.ToDictionary(c => c, c =>
        {
            var values = list.Where(r => r.Mean.ContainsKey(c)).Select(r => r.Mean[c]).Where(double.IsFinite).ToList();
            return values.Count < 2 ? double.NaN : lowerIsBetter?.Contains(c) == true ? values.Min() : values.Max();
        });

        var html = new StringBuilder("<table class=\"asm-metrics\" style=\"border-collapse:collapse;font-family:monospace\">");
        if (!string.IsNullOrEmpty(caption)) html.Append("<caption style=\"text-align:left\">").Append(WebUtility.HtmlEncode(caption)).Append("</caption>");
        html.Append("<thead><tr><th style=\"text-align:left;padding:2px 8px;border-bottom:1px solid #888\">method</th>");
        foreach (var c in columns) html.Append("<th style=\"text-align:right;padding:2px 8px;border-bottom:1px solid #888\">").Append(WebUtility.HtmlEncode(c)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in list)
        {
            string label = row.Runs is > 1 ? $"{row.Method} (n={row.Runs})" : row.Method;
            html.Append("<tr><td style=\"text-align:left;padding:2px 8px\">").Append(WebUtility.HtmlEncode(label)).Append("</td>");
            foreach (var c in columns)
            {
                html.Append("<td style=\"text-align:right;padding:2px 8px\">");
                if (row.Mean.TryGetValue(c, out double m))
                {
                    string text = m.ToString(Format(c), CultureInfo.InvariantCulture);
                    if (row.Std is not null && row.Std.TryGetValue(c, out double s))
                        text += " ± " + s.ToString(Format(c), CultureInfo.InvariantCulture);
                    bool isBest = double.IsFinite(best[c]) && m == best[c];
                    html.Append(isBest ? $"<b>{text}</b>" : text);
                }
                else html.Append('–');
                html.Append("</td>");
            }
            html.Append("</tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>The table of <see cref="ToHtml"/> as a displayable <see cref="HtmlView"/>.</summary>
    public static HtmlView View(IEnumerable<MetricsRow> rows, IReadOnlyList<string>? metrics = null, int digits = 3,
                                string? caption = null, IReadOnlySet<string>? lowerIsBetter = null,
                                IReadOnlyDictionary<string, int>? columnDigits = null) =>
        new(ToHtml(rows, metrics, digits, caption, lowerIsBetter, columnDigits));
}
