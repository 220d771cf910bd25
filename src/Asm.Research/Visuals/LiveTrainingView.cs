using System.Globalization;
using System.Net;
using System.Text;

namespace Asm.Research.Visuals;

/// <summary>
/// A compact HTML progress line for a training run (progress bar, step, losses, speed, ETA). Notebooks
/// show it through <c>Asm.Research.Notebooks.LiveTraining</c>, which updates it in place while a run
/// trains and leaves it in its final state.
/// </summary>
public static class LiveTrainingView
{
    /// <summary>The progress as HTML; losses in the dictionary's order, shown with 4 significant digits.</summary>
    public static string ToHtml(int step, int total, IReadOnlyDictionary<string, double>? losses = null,
                                double? imagesPerSecond = null, TimeSpan? eta = null, string? title = null)
    {
        double fraction = total > 0 ? Math.Clamp((double)step / total, 0, 1) : 0;
        var inv = CultureInfo.InvariantCulture;
        var html = new StringBuilder("<div class=\"asm-progress\" style=\"font-family:monospace;font-size:small\">");
        if (!string.IsNullOrEmpty(title)) html.Append("<b>").Append(WebUtility.HtmlEncode(title)).Append("</b> ");
        html.Append("<span style=\"display:inline-block;width:160px;height:10px;border:1px solid #888;vertical-align:middle\">")
            .Append($"<span style=\"display:block;height:100%;width:{(fraction * 100).ToString("0.#", inv)}%;background:#4c78a8\"></span></span> ")
            .Append($"step {step}/{total} ({(fraction * 100).ToString("0", inv)}%)");
        if (losses is not null)
            foreach (var (name, value) in losses)
                html.Append(" · ").Append(WebUtility.HtmlEncode(name)).Append(' ').Append(value.ToString("G4", inv));
        if (imagesPerSecond is { } speed) html.Append(" · ").Append(speed.ToString("0.0", inv)).Append(" img/s");
        if (eta is { } left) html.Append(" · ETA ").Append(FormatDuration(left));
        return html.Append("</div>").ToString();
    }

    /// <summary>h:mm:ss or m:ss.</summary>
    internal static string FormatDuration(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}" : $"{t.Minutes}:{t.Seconds:00}";
}
