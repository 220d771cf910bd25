using System.Globalization;
using System.Net;
using System.Text;
using Asm.Research.Data;
using Asm.Research.Data.Tasks;

namespace Asm.Research.Visuals;

/// <summary>
/// <see cref="ClassPixelShares"/> as an HTML table: one row per class (its colour swatch when the task is known),
/// its share of the labelled pixels at the working size beside its share at the original size, and their ratio
/// (below 1: the resize thinned the class out). A share that cannot be computed shows "–".
/// </summary>
public static class ClassSharesTable
{
    private const string Cell = ClassScoresTable.Cell, Head = ClassScoresTable.Head;

    /// <summary>The table; <paramref name="workingSize"/> names the working size in the header (e.g. "144×192").</summary>
    public static string ToHtml(ClassPixelShares shares, SegmentationTask? task = null, string workingSize = "working size", string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(shares);
        var working = shares.WorkingShares;
        var original = shares.OriginalShares;
        var html = new StringBuilder("<table class=\"asm-class-shares\" style=\"border-collapse:collapse;font-family:monospace\">");
        if (!string.IsNullOrEmpty(caption)) html.Append("<caption style=\"text-align:left\">").Append(WebUtility.HtmlEncode(caption)).Append("</caption>");
        html.Append($"<thead><tr><th style=\"{Head};text-align:left\">class</th>")
            .Append($"<th style=\"{Head};text-align:right\">share at {WebUtility.HtmlEncode(workingSize)}</th>")
            .Append($"<th style=\"{Head};text-align:right\">share at original size</th>")
            .Append($"<th style=\"{Head};text-align:right\">ratio</th></tr></thead><tbody>");
        for (int c = 0; c < shares.Classes.Count; c++)
        {
            double? ratio = working[c] is { } w && original[c] is { } o && o > 0 ? w / o : null;
            html.Append("<tr><td style=\"text-align:left;padding:2px 8px\">").Append(ClassScoresTable.Swatch(task, shares.Classes[c]))
                .Append(WebUtility.HtmlEncode(shares.Classes[c])).Append("</td>")
                .Append($"<td style=\"{Cell}\">{Percent(working[c])}</td><td style=\"{Cell}\">{Percent(original[c])}</td>")
                .Append($"<td style=\"{Cell}\">{(ratio is { } r ? r.ToString("0.000", CultureInfo.InvariantCulture) : "–")}</td></tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>The table as a displayable <see cref="HtmlView"/>.</summary>
    public static HtmlView View(ClassPixelShares shares, SegmentationTask? task = null, string workingSize = "working size", string? caption = null) =>
        new(ToHtml(shares, task, workingSize, caption));

    // Two decimals of a percent: CamVid's thinnest class (bicyclist) holds about 0.3% of the pixels.
    private static string Percent(double? share) =>
        share is { } s ? (100 * s).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "–";
}
