using Asm.Research.Data;
using Asm.Research.Data.Tasks;
using Asm.Research.Training.Checkpoints;

namespace Asm.Research.Reports;

/// <summary>
/// Several predictors' predictions on the same test samples, keyed by the name a report shows, e.g. "asm+bce seed 0":
/// for a binary task their foreground probabilities (<see cref="ByPredictor"/>, each Size×Size, row-major, as
/// <c>Experiment.Predict</c> gives them); for a multi-class task their label maps (<see cref="Labels"/>, as
/// <c>Experiment.PredictLabels</c> gives them).
/// </summary>
/// <param name="Samples">The test samples, in the order of every predictor's array.</param>
/// <param name="ByPredictor">Binary: predictor name → one probability map per sample (empty for a multi-class task).</param>
public sealed record TestPredictions(IReadOnlyList<SegmentationSample> Samples, IReadOnlyDictionary<string, float[][]> ByPredictor)
{
    /// <summary>How many test images a report shows by default.</summary>
    public const int DefaultCount = 4;

    /// <summary>What the predictors segment; figure-ground unless made by <see cref="OfLabels"/>.</summary>
    public SegmentationTask Task { get; init; } = SegmentationTask.FigureGround;

    /// <summary>Multi-class: predictor name → one label map per sample (class indices); empty for a binary task.</summary>
    public IReadOnlyDictionary<string, byte[][]> Labels { get; init; } = new Dictionary<string, byte[][]>();

    /// <summary>How many predictors there are (of the kind <see cref="Task"/> calls for).</summary>
    public int PredictorCount => Task.IsBinary ? ByPredictor.Count : Labels.Count;

    /// <summary>Multi-class predictors' label maps on <paramref name="samples"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="task"/> is binary (binary predictions are probabilities).</exception>
    public static TestPredictions OfLabels(IReadOnlyList<SegmentationSample> samples, SegmentationTask task, IReadOnlyDictionary<string, byte[][]> labels)
    {
        if (task.IsBinary) throw new ArgumentException("Binary predictions are kept as probabilities (ByPredictor), not label maps.", nameof(task));
        return new TestPredictions(samples, new Dictionary<string, float[][]>()) { Task = task, Labels = labels };
    }

    /// <summary>
    /// Each checkpoint's predictor on <paramref name="samples"/>, loaded one at a time (so only one
    /// is in memory). Every checkpoint must work at the samples' size and on the first one's classes.
    /// </summary>
    /// <exception cref="CheckpointException">A checkpoint is missing, corrupt, works at another size or on other classes (names it).</exception>
    /// <exception cref="ArgumentException">Two predictors share a name.</exception>
    public static TestPredictions FromCheckpoints(IReadOnlyList<(string Name, string Checkpoint)> checkpoints,
        IReadOnlyList<SegmentationSample> samples, CancellationToken cancellationToken = default)
    {
        TestPredictionsBuilder? builder = null;
        foreach (var (name, checkpoint) in checkpoints)
        {
            using var experiment = Checkpoint.Load(checkpoint);
            var size = experiment.Config.Data.Size;
            if (samples.Count > 0 && (samples[0].Height != size.Height || samples[0].Width != size.Width))
                throw new CheckpointException($"{checkpoint}: works at {size.Display}, the test images are {samples[0].Height}×{samples[0].Width}; predictors compared on one page need one size");
            builder ??= new TestPredictionsBuilder(samples, experiment.Config.Task);
            if (!experiment.Config.Task.SameAs(builder.Task))
                throw new CheckpointException($"{checkpoint}: predicts {experiment.Config.Task.Describe()}, the first predictor {builder.Task.Describe()}; predictors compared on one page need one set of classes");
            builder.Add(name, experiment, cancellationToken);
        }
        return (builder ?? new TestPredictionsBuilder(samples, SegmentationTask.FigureGround)).Build();
    }
}
