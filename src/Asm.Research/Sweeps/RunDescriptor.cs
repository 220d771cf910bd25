using Asm.Research.Configuration;

namespace Asm.Research.Sweeps;

/// <summary>
/// <c>run.json</c>: what a sweep run's folder holds, written when the run first starts, so that a
/// changed sweep file cannot put another config's training into it unnoticed.
/// </summary>
public sealed record RunDescriptor
{
    /// <summary>The run's name in its sweep.</summary>
    public required string Name { get; init; }
    /// <summary>The sweep file that started it.</summary>
    public string? Sweep { get; init; }
    /// <summary>The run's config as first started (environment keys such as threads may differ on a later attempt).</summary>
    public required ExperimentConfig Config { get; init; }
    /// <summary>When the run first started (UTC, ISO 8601).</summary>
    public string StartedAt { get; init; } = DateTime.UtcNow.ToString("O");
}
