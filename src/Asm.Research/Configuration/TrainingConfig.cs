namespace Asm.Research.Configuration;

/// <summary>Length, batch, seed and where a run computes.</summary>
public sealed record TrainingConfig
{
    /// <summary>Passes over the training images.</summary>
    public int Epochs { get; init; } = 40;
    /// <summary>Images per step.</summary>
    public int BatchSize { get; init; } = 8;
    /// <summary>Seeds every random choice: init, data order, augmentation.</summary>
    public int Seed { get; init; }
    /// <summary>"cpu" or "cuda" (needs the cuda build, see README).</summary>
    public string Device { get; init; } = "cpu";
    /// <summary>Torch intra-op threads; 0 means one per core.</summary>
    public int Threads { get; init; }
    /// <summary>Evaluate on the test split after every epoch (else only after the last).</summary>
    public bool EvaluateEveryEpoch { get; init; } = true;
    /// <summary>
    /// Start S from another run's final predictor instead of the seed's random initialisation: a run
    /// folder, its checkpoint folder, or a PyTorch state_dict file (.pt, e.g. from <c>asm export</c>).
    /// Null (the default): random initialisation. Applied on a fresh start only; a resumed run keeps its checkpoint's weights.
    /// Left out of the JSON when null, so configs and checkpoints without it read and compare as before.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? InitFrom { get; init; }
}
