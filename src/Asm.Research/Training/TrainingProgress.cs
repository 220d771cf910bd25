using Asm.Research.Metrics;

namespace Asm.Research.Training;

/// <summary>
/// A progress report, sent after every training step. An epoch's evaluation reaches the callbacks as
/// that epoch's <see cref="EpochRecord"/> (OnEpochEnd), and the following steps' <see cref="LastTest"/>.
/// </summary>
/// <param name="Method">The method being trained.</param>
/// <param name="Epoch">The current epoch, 1-based.</param>
/// <param name="Epochs">Epochs in the run.</param>
/// <param name="Step">Steps done.</param>
/// <param name="TotalSteps">Steps in the run.</param>
/// <param name="Losses">The last step's losses.</param>
/// <param name="ImagesPerSecond">Training throughput over the current epoch.</param>
/// <param name="Elapsed">Wall time since this call to Fit started.</param>
/// <param name="Remaining">Estimated time to the end of the run.</param>
/// <param name="LastTest">The latest epoch evaluation's test scores at model resolution, if any.</param>
public sealed record TrainingProgress(string Method, int Epoch, int Epochs, long Step, long TotalSteps,
    IReadOnlyDictionary<string, double> Losses, double ImagesPerSecond, TimeSpan Elapsed, TimeSpan Remaining,
    SegmentationScores? LastTest)
{
    /// <summary>Fraction of the run done, 0…1.</summary>
    public double Fraction => TotalSteps == 0 ? 1 : (double)Step / TotalSteps;
}
