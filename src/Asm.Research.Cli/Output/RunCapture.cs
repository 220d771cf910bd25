using Asm.Research.Data;
using Asm.Research.Data.Tasks;
using Asm.Research.Reports;
using Asm.Research.Training;

namespace Asm.Research.Cli.Output;

/// <summary>
/// Keeps what a report needs of each trained run before the runner disposes it: its history and, for the
/// first seed of each method, its test predictions (the page compares predictors on the same images):
/// probabilities for a figure-ground task, label maps for a multi-class one.
/// </summary>
internal sealed class RunCapture(IReadOnlyList<SegmentationSample> testSamples, SegmentationTask task)
{
    private readonly Dictionary<int, TrainingHistory> _histories = [];
    private readonly TestPredictionsBuilder _predictions = new(testSamples, task);

    /// <summary>The runner's <see cref="RunOptions.Trained"/> hook for run <paramref name="index"/>; predicts when <paramref name="predictorName"/> is set.</summary>
    public Action<Experiment> For(int index, string? predictorName, CancellationToken cancellationToken) => experiment =>
    {
        _histories[index] = experiment.History;
        if (predictorName is not null) _predictions.Add(predictorName, experiment, cancellationToken);
    };

    /// <summary>Run <paramref name="index"/>'s history (empty if it was not captured).</summary>
    public TrainingHistory History(int index) => _histories.GetValueOrDefault(index) ?? new TrainingHistory();

    /// <summary>The captured predictions, or null when none were.</summary>
    public TestPredictions? Predictions => _predictions.Count == 0 ? null : _predictions.Build();
}
