namespace Asm.Research.Sweeps;

/// <summary>
/// A sweep that cannot go on as asked: a bad sweep file, a run folder held by another task or
/// holding another config, a bad run index. The message names the file, run or key. CLI exit code 2.
/// </summary>
public sealed class SweepException(string message, bool heldByAnotherTask = false) : Exception(message)
{
    /// <summary>The run's folder is locked by another task (which `sweep run --all` skips rather than stops at).</summary>
    public bool HeldByAnotherTask { get; } = heldByAnotherTask;
}
