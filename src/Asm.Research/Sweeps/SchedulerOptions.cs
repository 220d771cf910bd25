namespace Asm.Research.Sweeps;

/// <summary>
/// What a scheduler's task gets and how it calls the kit: for <see cref="SlurmScript"/> and <see cref="KubernetesManifest"/>.
/// </summary>
public sealed record SchedulerOptions
{
    /// <summary>The command that runs the kit's CLI, e.g. <c>["dotnet", "/opt/asm/asm.dll"]</c> or <c>["/opt/asm/asm"]</c>.</summary>
    public required IReadOnlyList<string> Asm { get; init; }
    /// <summary>CPUs per task; the run's torch threads are set to it.</summary>
    public int Cpus { get; init; } = 1;
    /// <summary>At most this many tasks at once (null: all).</summary>
    public int? Parallel { get; init; }
    /// <summary>Memory per task in the scheduler's syntax (Slurm <c>8G</c>, Kubernetes <c>8Gi</c>), or null.</summary>
    public string? Memory { get; init; }
    /// <summary>GPUs per task, or null.</summary>
    public int? Gpus { get; init; }
    /// <summary>Slurm partition, or null for the cluster's default.</summary>
    public string? Partition { get; init; }
    /// <summary>Slurm time limit per task (e.g. <c>01:00:00</c>), or null.</summary>
    public string? Time { get; init; }
    /// <summary>The output root the tasks use instead of the sweep file's (passed on as <c>--root</c>), or null.</summary>
    public string? Root { get; init; }
}
