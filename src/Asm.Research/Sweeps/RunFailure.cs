namespace Asm.Research.Sweeps;

/// <summary><c>failed.json</c>: why a run's last attempt stopped, kept until the next attempt starts.</summary>
public sealed record RunFailure
{
    /// <summary>The error's message.</summary>
    public required string Message { get; init; }
    /// <summary>The error's type, e.g. NonFiniteLossException.</summary>
    public string? Error { get; init; }
    /// <summary>When it failed (UTC, ISO 8601).</summary>
    public string FailedAt { get; init; } = DateTime.UtcNow.ToString("O");
}
