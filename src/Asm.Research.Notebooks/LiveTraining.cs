using Asm.Research.Training;
using Asm.Research.Visuals;
using Microsoft.AspNetCore.Html;

namespace Asm.Research.Notebooks;

/// <summary>
/// A training run's live progress line and loss chart that end in their final state wherever the
/// notebook is read. While the run trains, two displays are updated in place (at most twice a second;
/// the chart after every epoch). <see cref="Finish"/> then empties them and shows the finished progress
/// line and the full loss chart as new outputs: a front end that never applies updates to the saved
/// notebook still saves the final state, and one that does (nbclient does, for <see cref="LiveOutput"/>)
/// shows it once.
/// <code>
/// var live = LiveTraining.Show("bce", chartTitle: "BCE training loss");
/// new Trainer([live]).Fit(experiment, dataset);
/// live.Finish();
/// </code>
/// </summary>
public sealed class LiveTraining : ITrainingCallback
{
    private const string Empty = "<div class=\"asm-live\"></div>";

    private readonly string _title;
    private readonly string? _chartTitle;
    private readonly IReadOnlyList<string>? _losses;
    private readonly LiveOutput _progressSlot;
    private readonly LiveOutput? _chartSlot;
    private readonly ThrottledProgress<TrainingProgress> _throttle;
    private TrainingProgress? _last;
    private TrainingHistory? _history;
    private bool _finished;

    private LiveTraining(string title, string? chartTitle, IReadOnlyList<string>? losses)
    {
        _title = title;
        _chartTitle = chartTitle;
        _losses = losses;
        // Both start empty: a front end that never applies the updates saves nothing misleading (no "step 0/0").
        _progressSlot = LiveOutput.Show(new HtmlString(Empty));
        _chartSlot = chartTitle is null ? null : LiveOutput.Show(new HtmlString(Empty));
        _throttle = new ThrottledProgress<TrainingProgress>(p => _progressSlot.Update(new HtmlString(TrainingViews.ProgressHtml(p, Heading(p)))), TimeSpan.FromSeconds(0.5));
        Progress = new Recorder(this);
    }

    /// <summary>
    /// Shows the live displays in the current cell: a progress line titled <paramref name="title"/> and,
    /// when <paramref name="chartTitle"/> is given, a loss chart (<paramref name="losses"/> picks and orders them).
    /// </summary>
    public static LiveTraining Show(string title, string? chartTitle = null, IReadOnlyList<string>? losses = null) =>
        new(title, chartTitle, losses);

    /// <summary>The progress sink, for code that takes an <see cref="IProgress{T}"/> (e.g. <c>RunOptions.Progress</c>).</summary>
    public IProgress<TrainingProgress> Progress { get; }

    /// <summary>The last report received, or null before the first step.</summary>
    public TrainingProgress? Last => _last;

    /// <inheritdoc />
    public void OnStep(Experiment experiment, TrainingProgress progress)
    {
        _history = experiment.History;
        Progress.Report(progress);
    }

    /// <inheritdoc />
    public void OnEpochEnd(Experiment experiment, EpochRecord epoch)
    {
        _history = experiment.History;
        // The epoch's last step was reported before its evaluation: without this the progress line (and the
        // finished one that Finish shows) would carry the previous epoch's test IoU.
        if (epoch.Test is not null && _last is not null && _last.Epoch == epoch.Epoch)
            Progress.Report(_last with { LastTest = epoch.Test });
        if (_chartSlot is not null) _chartSlot.Update(TrainingViews.LossChart(experiment.History, _chartTitle!, losses: _losses));
    }

    /// <summary>
    /// Ends the live displays: empties them and shows the finished progress line and, with a chart,
    /// the loss chart of <paramref name="history"/> (default: the history the callbacks saw). Once only.
    /// </summary>
    public void Finish(TrainingHistory? history = null)
    {
        if (_finished) return;
        _finished = true;
        _throttle.Flush();
        _progressSlot.Update(new HtmlString(Empty));
        _chartSlot?.Update(new HtmlString(Empty));
        LiveOutput.Show(new HtmlString(TrainingViews.ProgressHtml(_last, _last is null ? _title : Heading(_last))));
        var final = history ?? _history;
        if (_chartTitle is not null && final is not null)
            LiveOutput.Show(TrainingViews.LossChart(final, _chartTitle, losses: _losses));
    }

    private string Heading(TrainingProgress p) => _title == p.Method ? p.Method : $"{_title} ({p.Method})";

    private sealed class Recorder(LiveTraining owner) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            owner._last = value;
            owner._throttle.Report(value);
        }
    }
}
