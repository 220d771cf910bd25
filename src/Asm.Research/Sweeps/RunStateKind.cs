namespace Asm.Research.Sweeps;

/// <summary>Where a run stands, as its folder shows it.</summary>
public enum RunStateKind
{
    /// <summary>Nothing trained yet.</summary>
    Pending,
    /// <summary>A checkpoint after some epochs, no result yet: the next attempt resumes it.</summary>
    Partial,
    /// <summary>A complete <c>result.json</c>: never retrained or overwritten.</summary>
    Complete,
    /// <summary>The last attempt stopped with an error (its message is kept in <c>failed.json</c>).</summary>
    Failed,
}
