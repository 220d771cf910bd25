using Asm.Research.Visuals;
using Plotly.NET;

namespace Asm.Research.Tests.Visuals;

public sealed class ChartsTests
{
    [Fact]
    public void Loss_curves_with_smoothing_draw_raw_and_smoothed_lines()
    {
        var chart = Charts.LossCurves([Series.From("match", [1.0, 0.5, 0.25]), Series.From("adv", [(0, 0.1), (10, 0.2)])], smoothing: 0.5);
        string json = GenericChart.toFigureJson(chart);
        Assert.Equal(4, GenericChart.countTrace(chart));
        Assert.Contains("\"name\":\"match\"", json);
        Assert.Contains("EMA 0.5", json);
    }

    [Fact]
    public void Smoothing_is_debiased_and_zero_keeps_values()
    {
        var s = Series.From("x", [2.0, 2.0, 2.0]);
        Assert.Equal([2.0, 2.0, 2.0], s.Smoothed(0.9).Y.Select(v => Math.Round(v, 9)));
        Assert.Same(s, s.Smoothed(0));
    }

    [Fact]
    public void Grouped_bars_carry_error_bars_and_table_bolds_the_best()
    {
        var rows = new[]
        {
            MetricsRow.FromRuns("bce", [new Dictionary<string, double> { ["IoU"] = 0.78 }, new Dictionary<string, double> { ["IoU"] = 0.80 }]),
            new MetricsRow("asm", new Dictionary<string, double> { ["IoU"] = 0.75 }),
        };
        string json = GenericChart.toFigureJson(Charts.GroupedBars(rows));
        Assert.Contains("\"barmode\":\"group\"", json);
        Assert.Contains("\"error_y\"", json);
        string table = MetricsTable.ToHtml(rows);
        // Sample std (n − 1), as everywhere in the kit: √(2·0.01²/1) = 0.014 (the population std would be 0.010).
        Assert.Contains("<b>0.790 ± 0.014</b>", table);
        Assert.Contains("bce (n=2)", table);
    }

    [Fact]
    public void Grouped_bars_give_each_of_ten_methods_its_own_colour()
    {
        var rows = Enumerable.Range(0, 10)
            .Select(k => new MetricsRow($"m{k}", new Dictionary<string, double> { ["IoU"] = 0.5 + k / 100.0 })).ToList();
        string json = GenericChart.toFigureJson(Charts.GroupedBars(rows));
        var colours = System.Text.RegularExpressions.Regex.Matches(json, "\"color\":\"(#[0-9a-f]{6})\"")
            .Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, colours.Count);
        Assert.Equal(10, colours.Distinct().Count());
    }

    [Fact]
    public void Chart_html_draws_with_embedded_plotly_and_falls_back_to_the_cdn()
    {
        string html = Charts.ToHtml(Charts.Histogram([1, 2, 2, 3], bins: 3));
        Assert.Contains("Plotly.newPlot", html);
        Assert.Contains($"cdn.plot.ly/plotly-{Charts.PlotlyJsVersion}.min.js", html);
        string script = Charts.PlotlyScriptHtml();
        Assert.True(script.Length > 1_000_000, "plotly.js is embedded in full");
        Assert.DoesNotContain("</script", script[..^"</script><div".Length].Replace("</script><div style", ""), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Live_training_view_is_compact_html()
    {
        string html = LiveTrainingView.ToHtml(50, 200, new Dictionary<string, double> { ["match"] = 0.123456 }, 11.2, TimeSpan.FromSeconds(125), "asm");
        Assert.Contains("step 50/200 (25%)", html);
        Assert.Contains("match 0.1235", html);
        Assert.Contains("11.2 img/s", html);
        Assert.Contains("ETA 2:05", html);
    }
}
