using Asm.Research.Metrics;

namespace Asm.Research.Training;

/// <summary>One training step's losses and learning rate.</summary>
public sealed record StepRecord(long Step, int Epoch, double LearningRate, IReadOnlyDictionary<string, double> Losses);

/// <summary>One finished epoch: mean losses, speed, and the test scores at model resolution when evaluated.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Step">Steps done at its end.</param>
/// <param name="Seconds">Wall time of its training steps (evaluation excluded).</param>
/// <param name="ImagesPerSecond">Training images per second.</param>
/// <param name="MeanLosses">Each loss averaged over the epoch's steps.</param>
/// <param name="Test">Test scores at model resolution, when evaluated.</param>
/// <param name="DataWaitSeconds">Time the loop waited for the data pipeline.</param>
/// <param name="ResidentMegabytes">Process resident memory at the epoch's end (after evaluation).</param>
public sealed record EpochRecord(int Epoch, long Step, double Seconds, double ImagesPerSecond,
    IReadOnlyDictionary<string, double> MeanLosses, SegmentationScores? Test, double DataWaitSeconds = 0, double ResidentMegabytes = 0);

/// <summary>Everything a run has recorded so far; saved in every checkpoint.</summary>
public sealed class TrainingHistory
{
    /// <summary>Per-step losses, in order.</summary>
    public List<StepRecord> Steps { get; init; } = [];

    /// <summary>Per-epoch summaries, in order.</summary>
    public List<EpochRecord> Epochs { get; init; } = [];

    /// <summary>Epochs finished.</summary>
    public int CompletedEpochs => Epochs.Count;

    /// <summary>Steps taken.</summary>
    public long CompletedSteps => Steps.Count;

    /// <summary>Training seconds summed over epochs (evaluation excluded).</summary>
    public double TrainSeconds => Epochs.Sum(e => e.Seconds);

    /// <summary>The values of one loss over the steps, for plotting.</summary>
    public IReadOnlyList<(long Step, double Value)> Loss(string name) =>
        Steps.Where(s => s.Losses.ContainsKey(name)).Select(s => (s.Step, s.Losses[name])).ToList();
}
