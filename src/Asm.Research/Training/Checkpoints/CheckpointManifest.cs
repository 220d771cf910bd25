using Asm.Research.Configuration;

namespace Asm.Research.Training.Checkpoints;

/// <summary>The checkpoint's table of contents, written last: config, position, history and a SHA-256 per state file.</summary>
public sealed record CheckpointManifest
{
    /// <summary>The format tag of this kit's checkpoints.</summary>
    public const string CurrentFormat = "asm-research-checkpoint/1";

    /// <summary>Format tag; other values are refused.</summary>
    public string Format { get; init; } = CurrentFormat;
    /// <summary>The config the networks were built and trained with.</summary>
    public required ExperimentConfig Config { get; init; }
    /// <summary>Epochs completed when saved.</summary>
    public int Epoch { get; init; }
    /// <summary>Steps completed when saved.</summary>
    public long Step { get; init; }
    /// <summary>State file name → SHA-256 (hex) of its bytes.</summary>
    public required Dictionary<string, string> Files { get; init; }
    /// <summary>Losses and scores so far.</summary>
    public required TrainingHistory History { get; init; }
    /// <summary>When it was written (UTC, ISO 8601).</summary>
    public string SavedAt { get; init; } = DateTime.UtcNow.ToString("O");
}
