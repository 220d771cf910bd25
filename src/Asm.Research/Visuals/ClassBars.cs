using Plotly.NET;

namespace Asm.Research.Visuals;

/// <summary>
/// Per-class scores of one or several multi-class settings as grouped bars: classes on the x axis, one bar per
/// setting (the mean over its seeds). A class absent from a setting's test data and predictions has no bar
/// (a gap, not 0), and its hover text says so.
/// </summary>
public static class ClassBars
{
    /// <summary>The bars of <paramref name="metric"/>; every setting must have the same classes.</summary>
    /// <exception cref="ArgumentException">No settings, or settings of different classes.</exception>
    public static GenericChart Chart(IReadOnlyList<ClassScoreSet> settings, ClassMetric metric = ClassMetric.Iou, string? title = null)
    {
        if (settings.Count == 0) throw new ArgumentException("Per-class bars need at least one setting.", nameof(settings));
        var classes = settings[0].Classes;
        var odd = settings.FirstOrDefault(s => !s.Classes.SequenceEqual(classes));
        if (odd is not null)
            throw new ArgumentException($"{odd.Label} was scored on other classes than {settings[0].Label}; one chart needs one set of classes.", nameof(settings));
        string name = ClassScoreSet.Name(metric);
        var traces = settings.Select((s, k) =>
        {
            var values = s.Mean(metric);
            var trace = new Trace2D("bar");
            trace.SetProperty("name", s.Label);
            trace.SetProperty("x", classes.ToArray());
            trace.SetProperty("y", values);
            trace.SetProperty("hovertext", values.Select(v => v is null ? "absent" : "").ToArray());
            trace.SetProperty("marker", new Dictionary<string, object> { ["color"] = Charts.Palette[k % Charts.Palette.Length] });
            return GenericChart.ofTraceObject(true, trace);
        }).ToList();
        bool seeds = settings.Any(s => s.Seeds.Count > 1);
        var layout = Charts.Layout(title ?? $"Test {name} per class{(seeds ? " (mean over seeds)" : "")}", "class", name);
        layout.SetProperty("barmode", "group");
        // Scores lie in [0, 1]; a fixed axis keeps charts of several runs comparable by eye.
        Charts.SetNested(layout, "yaxis", "range", new[] { 0.0, 1.0 });
        return Charts.Combine(traces, layout);
    }
}
