using Asm.Research.Training;

namespace Asm.Research.Visuals;

/// <summary>
/// A training callback that runs an action at the end of every epoch, e.g. to redraw a displayed
/// loss chart or save a checkpoint after a chosen epoch:
/// <code>new EpochCallback((experiment, epoch) => chartView.Update(TrainingViews.LossChart(experiment.History)))</code>
/// </summary>
/// <param name="onEpochEnd">Called with the experiment and the epoch just recorded.</param>
public sealed class EpochCallback(Action<Experiment, EpochRecord> onEpochEnd) : ITrainingCallback
{
    /// <inheritdoc />
    public void OnEpochEnd(Experiment experiment, EpochRecord epoch) => onEpochEnd(experiment, epoch);
}
