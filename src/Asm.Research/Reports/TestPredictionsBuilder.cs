using Asm.Research.Data;
using Asm.Research.Data.Tasks;
using Asm.Research.Training;

namespace Asm.Research.Reports;

/// <summary>
/// Gathers <see cref="TestPredictions"/> one predictor at a time (each can then be disposed): probabilities for a
/// figure-ground task, label maps for a multi-class one, so that callers need not know which.
/// </summary>
/// <param name="samples">The test samples every predictor predicts.</param>
/// <param name="task">What the predictors segment.</param>
public sealed class TestPredictionsBuilder(IReadOnlyList<SegmentationSample> samples, SegmentationTask task)
{
    private readonly Dictionary<string, float[][]> _probabilities = [];
    private readonly Dictionary<string, byte[][]> _labels = [];

    /// <summary>What the predictors segment.</summary>
    public SegmentationTask Task { get; } = task;

    /// <summary>Predictors added so far.</summary>
    public int Count => _probabilities.Count + _labels.Count;

    /// <summary>Predicts the samples with <paramref name="experiment"/>'s predictor and keeps the result under <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is taken, or the experiment segments another task.</exception>
    public TestPredictionsBuilder Add(string name, Experiment experiment, CancellationToken cancellationToken = default)
    {
        if (!experiment.Config.Task.SameAs(Task))
            throw new ArgumentException($"{name} predicts {experiment.Config.Task.Describe()}, not {Task.Describe()}.", nameof(experiment));
        if (_probabilities.ContainsKey(name) || _labels.ContainsKey(name))
            throw new ArgumentException($"Two predictors are named '{name}'.", nameof(name));
        if (Task.IsBinary) _probabilities[name] = experiment.Predict(samples, cancellationToken);
        else _labels[name] = experiment.PredictLabels(samples, cancellationToken);
        return this;
    }

    /// <summary>The predictions gathered so far.</summary>
    public TestPredictions Build() => Task.IsBinary
        ? new TestPredictions(samples, new Dictionary<string, float[][]>(_probabilities))
        : TestPredictions.OfLabels(samples, Task, new Dictionary<string, byte[][]>(_labels));
}
