namespace Asm.Research.Training;

/// <summary>An observer of the training loop (progress display, checkpoints, early stop…).</summary>
public interface ITrainingCallback
{
    /// <summary>After every training step.</summary>
    void OnStep(Experiment experiment, TrainingProgress progress) { }

    /// <summary>After every epoch, once it is recorded in the history (and evaluated, if so configured).</summary>
    void OnEpochEnd(Experiment experiment, EpochRecord epoch) { }
}
