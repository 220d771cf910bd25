namespace Asm.Research.Training.Output;

/// <summary>
/// What a run will do with its output folder, decided by <see cref="OutputFolder.Plan"/> before
/// anything is changed: the checkpoint to resume from (if any), a leftover complete checkpoint to
/// move into place first, and the kit's own stale files to remove.
/// </summary>
/// <param name="Directory">The output folder (full path).</param>
/// <param name="CheckpointDirectory">Where the run's checkpoint lives: <c>Directory/checkpoint</c>.</param>
/// <param name="ResumeFrom">The complete checkpoint folder to continue from, or null to start afresh.</param>
/// <param name="ResumeEpoch">Epochs completed in <paramref name="ResumeFrom"/>.</param>
/// <param name="Remove">Files and folders the kit wrote earlier that go before the run starts.</param>
/// <param name="Message">One line saying what the plan is, for the user.</param>
public sealed record OutputPlan(string Directory, string CheckpointDirectory, string? ResumeFrom, int ResumeEpoch,
    IReadOnlyList<string> Remove, string Message);
