using Asm.Research.Metrics;
using Asm.Research.Training;
using Plotly.NET;

namespace Asm.Research.Visuals;

/// <summary>
/// What the training notebooks show of a run: the live progress line, the loss chart, and test
/// scores as <see cref="MetricsRow"/>s for <see cref="MetricsTable"/> and <see cref="Charts.GroupedBars"/>.
/// </summary>
public static class TrainingViews
{
    /// <summary>The metrics shown by default for binary (figure-ground) runs, in this order (model resolution).</summary>
    public static IReadOnlyList<string> Metrics { get; } = MetricsFor(Data.Tasks.TaskKinds.Binary);

    /// <summary>The metrics a kind of task's runs have, in table order.</summary>
    public static IReadOnlyList<string> MetricsFor(Data.Tasks.TaskKinds kind) => SegmentationScores.FieldsFor(kind).Select(f => f.Key).ToList();

    /// <summary>The metrics of <paramref name="scores"/>' kind of task.</summary>
    public static IReadOnlyList<string> MetricsOf(SegmentationScores scores) => MetricsFor(scores.Kind);

    /// <summary>
    /// The progress line for a report (<see cref="LiveTrainingView"/>): epoch, step, losses, images/s and ETA;
    /// null gives an empty bar for before the first step.
    /// </summary>
    public static string ProgressHtml(TrainingProgress? progress, string? title = null)
    {
        if (progress is null) return LiveTrainingView.ToHtml(0, 0, title: title ?? "waiting for the first step");
        string heading = $"{title ?? progress.Method} · epoch {progress.Epoch}/{progress.Epochs}";
        if (progress.LastTest is { } test) heading += $" · test {test.HeadlineName} {test.Headline:0.000}";
        return LiveTrainingView.ToHtml((int)progress.Step, (int)progress.TotalSteps, progress.Losses,
            progress.ImagesPerSecond, progress.Remaining, heading);
    }

    /// <summary>
    /// Every loss the history recorded, per step, smoothed (EMA) over the faint raw values;
    /// <paramref name="losses"/> picks and orders them (default: all, first-seen order).
    /// </summary>
    public static GenericChart LossChart(TrainingHistory history, string title = "Training losses", double smoothing = 0.6,
                                         IReadOnlyList<string>? losses = null, bool logY = false)
    {
        var names = losses ?? history.Steps.SelectMany(s => s.Losses.Keys).Distinct().ToList();
        if (names.Count == 0) names = ["loss"]; // nothing recorded yet: an empty chart to update later
        var series = names.Select(name => Series.From(name, history.Loss(name).Select(p => ((double)p.Step, p.Value)))).ToList();
        bool enough = history.Steps.Count > 2;
        return Charts.LossCurves(series, enough ? smoothing : 0, title, logY: logY);
    }

    /// <summary>
    /// The test headline (IoU, or mIoU for a multi-class run) after each evaluated epoch, one line per run;
    /// <paramref name="yTitle"/> names it on the axis, <paramref name="yRange"/> fixes the axis (default: fitted to the lines).
    /// </summary>
    public static GenericChart TestIouChart(IEnumerable<(string Label, TrainingHistory History)> runs, string title = "Test IoU per epoch",
                                            string yTitle = "foreground IoU (mean over images)", (double Low, double High)? yRange = null) =>
        Charts.Lines(runs.Select(r => Series.From(r.Label,
                r.History.Epochs.Where(e => e.Test is not null).Select(e => ((double)e.Epoch, e.Test!.Headline)))),
            title, "epoch", yTitle, yRange);

    /// <summary>One run's scores as a row (<see cref="Metrics"/> keys, plus "_original" ones when given).</summary>
    public static MetricsRow Row(string label, SegmentationScores scores, SegmentationScores? original = null)
    {
        var mean = ScoreValues(scores, "");
        if (original is not null)
            foreach (var (key, value) in ScoreValues(original, "_original")) mean[key] = value;
        return new MetricsRow(label, mean);
    }

    /// <summary>One row per label: mean ± std over that label's runs (seeds), with training seconds.</summary>
    public static IReadOnlyList<MetricsRow> Rows(IEnumerable<(string Label, RunResult Run)> runs, bool original = false) =>
        runs.GroupBy(r => r.Label)
            .Select(g => MetricsRow.FromRuns(g.Key, g.Select(r =>
            {
                var values = ScoreValues(original ? r.Run.TestOriginal : r.Run.Test, "");
                values["train_s"] = r.Run.TrainSeconds;
                return (IReadOnlyDictionary<string, double>)values;
            }).ToList()))
            .ToList();

    private static Dictionary<string, double> ScoreValues(SegmentationScores s, string suffix) =>
        SegmentationScores.FieldsFor(s.Kind).ToDictionary(f => f.Key + suffix, f => f.Read(s) ?? double.NaN);
}
