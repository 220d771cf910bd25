using Asm.Research.Visuals;
using Plotly.NET;

namespace Asm.Research.Figures;

/// <summary>A Plotly chart as a PNG: a self-contained page (plotly.js embedded) shot by headless Chromium.</summary>
public static class ChartPage
{
    /// <summary>The page: plotly.js (its version note and the chart's tool bar hidden) and the chart, <paramref name="height"/> px high, on white.</summary>
    public static string Html(GenericChart chart, int height) =>
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>.modebar-container{display:none!important}</style></head>" +
        "<body style=\"margin:0;background:#fff\">" +
        $"<div style=\"display:none\">{Charts.PlotlyScriptHtml()}</div>{Charts.ToHtml(chart, height)}</body></html>";

    /// <summary>Writes the chart as a <paramref name="width"/>×<paramref name="height"/> PNG.</summary>
    /// <exception cref="InvalidOperationException">No Chromium, or it failed (see <see cref="ChromiumScreenshot"/>).</exception>
    public static void SavePng(GenericChart chart, string path, int width = 800, int height = 420) =>
        ChromiumScreenshot.Capture(Html(chart, height), path, width, height);
}
