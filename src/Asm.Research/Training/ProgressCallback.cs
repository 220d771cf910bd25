namespace Asm.Research.Training;

/// <summary>Forwards every step's progress to an <see cref="IProgress{T}"/>.</summary>
public sealed class ProgressCallback(IProgress<TrainingProgress> progress) : ITrainingCallback
{
    /// <inheritdoc />
    public void OnStep(Experiment experiment, TrainingProgress report) => progress.Report(report);
}
