namespace Asm.Research.Sweeps;

/// <summary>A run's state: its kind, the epochs its checkpoint holds, and a failure's message.</summary>
/// <param name="Kind">Pending, partial, complete or failed.</param>
/// <param name="Epoch">Epochs in the run's checkpoint (0 without one).</param>
/// <param name="Message">Why the last attempt failed (failed runs only).</param>
/// <param name="HeldBy">The task writing the folder now, as its <c>run.holder</c> names it (<see cref="RunLock.Holder"/>); null when none is.</param>
public sealed record RunState(RunStateKind Kind, int Epoch = 0, string? Message = null, string? HeldBy = null)
{
    /// <summary>No checkpoint, no result.</summary>
    public static RunState Pending { get; } = new(RunStateKind.Pending);

    /// <summary>"pending", "partial at epoch 3", "complete", "failed at epoch 2: message"; ", running (pid …)" while a task holds it.</summary>
    public override string ToString() => (Kind switch
    {
        RunStateKind.Pending => "pending",
        RunStateKind.Partial => $"partial at epoch {Epoch}",
        RunStateKind.Complete => "complete",
        _ => Epoch > 0 ? $"failed at epoch {Epoch}: {Message}" : $"failed: {Message}",
    }) + (HeldBy is null ? "" : $", running ({HeldBy})");
}
