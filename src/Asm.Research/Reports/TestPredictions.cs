using Asm.Research.Data;
using Asm.Research.Training.Checkpoints;

namespace Asm.Research.Reports;

/// <summary>
/// Several predictors' foreground probabilities on the same test samples (each Size×Size, row-major, as
/// <c>Experiment.Predict</c> gives them), keyed by the name a report shows, e.g. "asm+bce seed 0".
/// </summary>
/// <param name="Samples">The test samples, in the order of every predictor's array.</param>
/// <param name="ByPredictor">Predictor name → one probability map per sample.</param>
public sealed record TestPredictions(IReadOnlyList<SegmentationSample> Samples, IReadOnlyDictionary<string, float[][]> ByPredictor)
{
    /// <summary>How many test images a report shows by default.</summary>
    public const int DefaultCount = 4;

    /// <summary>
    /// Each checkpoint's predictor on <paramref name="samples"/>, loaded one at a time (so only one
    /// is in memory). Every checkpoint must work at the samples' size.
    /// </summary>
    /// <exception cref="CheckpointException">A checkpoint is missing, corrupt, or works at another size (names it).</exception>
    /// <exception cref="ArgumentException">Two predictors share a name.</exception>
    public static TestPredictions FromCheckpoints(IReadOnlyList<(string Name, string Checkpoint)> checkpoints,
        IReadOnlyList<SegmentationSample> samples, CancellationToken cancellationToken = default)
    {
        var byPredictor = new Dictionary<string, float[][]>();
        foreach (var (name, checkpoint) in checkpoints)
        {
            using var experiment = Checkpoint.Load(checkpoint);
            var size = experiment.Config.Data.Size;
            if (samples.Count > 0 && (samples[0].Height != size.Height || samples[0].Width != size.Width))
                throw new CheckpointException($"{checkpoint}: works at {size.Display}, the test images are {samples[0].Height}×{samples[0].Width}; predictors compared on one page need one size");
            if (!byPredictor.TryAdd(name, experiment.Predict(samples, cancellationToken)))
                throw new ArgumentException($"Two predictors are named '{name}'.", nameof(checkpoints));
        }
        return new TestPredictions(samples, byPredictor);
    }
}
