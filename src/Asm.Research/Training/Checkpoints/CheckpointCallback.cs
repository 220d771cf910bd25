namespace Asm.Research.Training.Checkpoints;

/// <summary>Saves a checkpoint after every epoch (atomically), so a run can be resumed or evaluated.</summary>
public sealed class CheckpointCallback(string directory) : ITrainingCallback
{
    /// <summary>Where the checkpoint goes.</summary>
    public string Directory { get; } = directory;

    /// <inheritdoc />
    public void OnEpochEnd(Experiment experiment, EpochRecord epoch) => Checkpoint.Save(experiment, Directory);
}
