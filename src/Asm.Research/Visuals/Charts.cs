using System.Globalization;
using System.Text.RegularExpressions;
using Plotly.NET;

namespace Asm.Research.Visuals;

/// <summary>
/// Plotly.NET charts for the kit (loss curves, grouped bars with error bars, histograms, line
/// series) built from plain C# values, and their notebook HTML. The charts are ordinary
/// <see cref="GenericChart"/>s, so Plotly.NET's own functions still apply to them.
/// <para>
/// plotly.js is embedded: <see cref="PlotlyScriptHtml"/> (shown once by the notebooks' setup
/// cell) defines it from the copy inside Plotly.NET, and <see cref="ToHtml"/> draws with it; only
/// if it is absent (setup output cleared) does a chart fetch plotly.js from the CDN.
/// </para>
/// </summary>
public static class Charts
{
    // Tableau 10: the study's widest chart (question 2: the control and eight ablations) needs nine colours
    // that stay apart; beyond ten, colours repeat.
    internal static readonly string[] Palette = ["#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#eeca3b", "#9d755d", "#ff9da7", "#bab0ac"];
    private static readonly Lazy<(string Version, string Script)> PlotlyJs = new(ReadEmbeddedPlotlyJs);

    /// <summary>
    /// Loss curves: one line per series against its steps. With <paramref name="smoothing"/> &gt; 0
    /// (EMA weight, as in TensorBoard) the raw values are drawn faintly behind the smoothed line.
    /// </summary>
    public static GenericChart LossCurves(IEnumerable<Series> series, double smoothing = 0, string title = "Training losses",
                                          string xTitle = "step", bool logY = false)
    {
        var traces = new List<GenericChart>();
        int k = 0;
        foreach (var s in series)
        {
            string color = Palette[k++ % Palette.Length];
            if (smoothing > 0)
            {
                traces.Add(Scatter(s, color, opacity: 0.25, showLegend: false, group: s.Name));
                traces.Add(Scatter(s.Smoothed(smoothing), color, opacity: 1, showLegend: true, group: s.Name));
            }
            else traces.Add(Scatter(s, color, opacity: 1, showLegend: true, group: s.Name));
        }
        var layout = Layout(title, xTitle, smoothing > 0 ? $"loss (EMA {smoothing.ToString(CultureInfo.InvariantCulture)})" : "loss");
        if (logY) SetNested(layout, "yaxis", "type", "log");
        return Combine(traces, layout);
    }

    /// <summary>
    /// Lines of y against x, one per series (no smoothing); <paramref name="yRange"/> fixes the y axis
    /// (default: Plotly's, fitted to the lines), e.g. (0, 1) for scores that charts of other runs must compare with.
    /// </summary>
    public static GenericChart Lines(IEnumerable<Series> series, string title, string xTitle, string yTitle,
                                     (double Low, double High)? yRange = null)
    {
        int k = 0;
        var traces = series.Select(s => Scatter(s, Palette[k++ % Palette.Length], 1, true, s.Name)).ToList();
        var layout = Layout(title, xTitle, yTitle);
        if (yRange is { } range) SetNested(layout, "yaxis", "range", new[] { range.Low, range.High });
        return Combine(traces, layout);
    }

    /// <summary>
    /// Grouped bars: metrics on the x axis, one bar per method, error bars of ± one standard deviation
    /// where the row has one (a metric missing from a row's <see cref="MetricsRow.Std"/> has none). <paramref name="metrics"/> picks and orders the metrics (default: all, first-seen order);
    /// <paramref name="yRange"/> fixes the y axis (default: Plotly's, from zero).
    /// </summary>
    public static GenericChart GroupedBars(IEnumerable<MetricsRow> rows, IReadOnlyList<string>? metrics = null,
                                           string title = "Metrics (mean ± std)", string yTitle = "value", string xTitle = "metric",
                                           (double Low, double High)? yRange = null)
    {
        var list = rows.ToList();
        var names = metrics ?? list.SelectMany(r => r.Mean.Keys).Distinct().ToList();
        var traces = new List<GenericChart>();
        for (int k = 0; k < list.Count; k++)
        {
            var row = list[k];
            var trace = new Trace2D("bar");
            trace.SetProperty("name", row.Method);
            trace.SetProperty("x", names.ToArray());
            trace.SetProperty("y", names.Select(m => row.Mean.TryGetValue(m, out var v) ? (double?)v : null).ToArray());
            trace.SetProperty("marker", new Dictionary<string, object> { ["color"] = Palette[k % Palette.Length] });
            if (row.Std is not null)
                trace.SetProperty("error_y", new Dictionary<string, object>
                {
                    ["type"] = "data", ["visible"] = true,
                    // A metric without a std gets no error bar (null), not a zero-length one that reads as "no spread".
                    ["array"] = names.Select(m => row.Std.TryGetValue(m, out var s) ? (double?)s : null).ToArray(),
                });
            traces.Add(GenericChart.ofTraceObject(true, trace));
        }
        var layout = Layout(title, xTitle, yTitle);
        layout.SetProperty("barmode", "group");
        if (yRange is { } range) SetNested(layout, "yaxis", "range", new[] { range.Low, range.High });
        return Combine(traces, layout);
    }

    /// <summary>A histogram of <paramref name="values"/> with about <paramref name="bins"/> bins.</summary>
    public static GenericChart Histogram(IEnumerable<double> values, int bins = 20, string title = "Histogram",
                                         string xTitle = "value", string yTitle = "count")
    {
        var trace = new Trace2D("histogram");
        trace.SetProperty("x", values.ToArray());
        trace.SetProperty("nbinsx", bins);
        trace.SetProperty("marker", new Dictionary<string, object> { ["color"] = Palette[0] });
        return Combine([GenericChart.ofTraceObject(true, trace)], Layout(title, xTitle, yTitle));
    }

    /// <summary>Plain bars, one per label.</summary>
    public static GenericChart Bars(IReadOnlyList<string> labels, IReadOnlyList<double> values, string title, string yTitle = "value")
    {
        var trace = new Trace2D("bar");
        trace.SetProperty("x", labels.ToArray());
        trace.SetProperty("y", values.ToArray());
        trace.SetProperty("marker", new Dictionary<string, object> { ["color"] = Palette[0] });
        return Combine([GenericChart.ofTraceObject(true, trace)], Layout(title, "", yTitle));
    }

    /// <summary>
    /// A chart as HTML: a div and a script that draws it with the plotly.js that
    /// <see cref="PlotlyScriptElement"/> defined. With <paramref name="cdnFallback"/> (notebooks, whose
    /// setup output may have been cleared) a page that lacks it after a few seconds loads plotly.js from
    /// the CDN; without it (reports, which embed plotly.js) nothing is ever fetched.
    /// </summary>
    public static string ToHtml(GenericChart chart, int height = 420, bool cdnFallback = true)
    {
        string id = "asm-plot-" + Guid.NewGuid().ToString("N");
        string figure = GenericChart.toFigureJson(chart).Replace("</", "<\\/");
        string cdn = $"https://cdn.plot.ly/plotly-{PlotlyJs.Value.Version}.min.js";
        string fallback = cdnFallback
            ? $"var s = document.createElement('script'); s.src = '{cdn}'; s.onload = draw; document.head.appendChild(s);"
            : $"document.getElementById('{id}').textContent = 'plotly.js is missing from this page: the chart cannot be drawn.';";
        return $$"""
            <div id="{{id}}" class="asm-plotly" style="width:100%;height:{{height}}px"></div>
            <script type="text/javascript">
            (function () {
              var fig = {{figure}};
              var draw = function () { window.Plotly.newPlot('{{id}}', fig.data, fig.layout || {}, { responsive: true, displaylogo: false }); };
              if (window.Plotly) { draw(); return; }
              var waited = 0, timer = setInterval(function () {
                if (window.Plotly) { clearInterval(timer); draw(); }
                else if ((waited += 100) >= 4000) {
                  clearInterval(timer);
                  {{fallback}}
                }
              }, 100);
            })();
            </script>
            """;
    }

    /// <summary>
    /// A script element that defines <c>window.Plotly</c> from the plotly.js embedded in Plotly.NET
    /// (about 3.5 MB, so once per page), shielded from AMD loaders such as require.js. Its id is
    /// <see cref="PlotlyScriptId"/>.
    /// </summary>
    public static string PlotlyScriptElement()
    {
        var (_, script) = PlotlyJs.Value;
        return $"<script type=\"text/javascript\" id=\"{PlotlyScriptId}\">if (!window.Plotly) {{ (function (define, module, exports) {{\n"
             + script.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)
             + "\n}).call(window); }</script>";
    }

    /// <summary>The id of the script element that embeds plotly.js (so a report can leave out a second copy).</summary>
    public const string PlotlyScriptId = "asm-plotlyjs";

    /// <summary><see cref="PlotlyScriptElement"/> plus a one-line note, for a notebook's setup cell.</summary>
    public static string PlotlyScriptHtml() =>
        PlotlyScriptElement()
        + $"<div style=\"font-size:small;color:#888\">plotly.js {PlotlyJs.Value.Version} (embedded from Plotly.NET; charts work offline)</div>";

    /// <summary>The version of the plotly.js embedded in Plotly.NET.</summary>
    public static string PlotlyJsVersion => PlotlyJs.Value.Version;

    private static GenericChart Scatter(Series s, string color, double opacity, bool showLegend, string group)
    {
        var trace = new Trace2D("scatter");
        trace.SetProperty("mode", "lines");
        trace.SetProperty("name", s.Name);
        trace.SetProperty("legendgroup", group);
        trace.SetProperty("showlegend", showLegend);
        trace.SetProperty("opacity", opacity);
        trace.SetProperty("x", s.X.ToArray());
        trace.SetProperty("y", s.Y.Select(v => double.IsFinite(v) ? (double?)v : null).ToArray());
        trace.SetProperty("line", new Dictionary<string, object> { ["color"] = color, ["width"] = 2 });
        return GenericChart.ofTraceObject(true, trace);
    }

    internal static Layout Layout(string title, string xTitle, string yTitle)
    {
        var layout = new Layout();
        layout.SetProperty("title", new Dictionary<string, object> { ["text"] = title });
        layout.SetProperty("xaxis", new Dictionary<string, object> { ["title"] = new Dictionary<string, object> { ["text"] = xTitle } });
        layout.SetProperty("yaxis", new Dictionary<string, object> { ["title"] = new Dictionary<string, object> { ["text"] = yTitle } });
        layout.SetProperty("margin", new Dictionary<string, object> { ["t"] = 50, ["l"] = 60, ["r"] = 20, ["b"] = 50 });
        return layout;
    }

    internal static void SetNested(Layout layout, string outer, string key, object value)
    {
        if (layout.TryGetPropertyValue(outer) is { } existing && existing.Value is Dictionary<string, object> dict) dict[key] = value;
        else layout.SetProperty(outer, new Dictionary<string, object> { [key] = value });
    }

    internal static GenericChart Combine(IReadOnlyList<GenericChart> traces, Layout layout) =>
        GenericChart.setLayout(layout, traces.Count == 1 ? traces[0] : GenericChart.combine(traces));

    private static (string Version, string Script) ReadEmbeddedPlotlyJs()
    {
        var assembly = typeof(GenericChart).Assembly;
        string name = assembly.GetManifestResourceNames().FirstOrDefault(n => Regex.IsMatch(n, @"plotly-[0-9.]+\.min\.js$"))
            ?? throw new InvalidOperationException("Plotly.NET carries no embedded plotly.js resource; charts need the CDN.");
        string version = Regex.Match(name, @"plotly-([0-9.]+)\.min\.js$").Groups[1].Value;
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return (version, reader.ReadToEnd());
    }
}
