using Asm.Research.Configuration;

namespace Asm.Research.Data;

/// <summary>Chooses the dataset named by <see cref="DataConfig.Source"/>.</summary>
public static class DataSources
{
    /// <summary>The name of the built-in procedural dataset.</summary>
    public const string Synthetic = "synthetic";

    /// <summary>
    /// "synthetic" (any case) → <see cref="SyntheticHorses.Generate"/>; anything else is a
    /// folder → <see cref="WeizmannDatabase.Load"/>.
    /// </summary>
    /// <exception cref="DataException">The source is empty, or the folder is unusable.</exception>
    public static SegmentationDataset Load(DataConfig config, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (string.IsNullOrWhiteSpace(config.Source))
            throw new DataException("DataConfig.Source is empty: use \"synthetic\" or the folder of the Weizmann database.");
        if (string.Equals(config.Source.Trim(), Synthetic, StringComparison.OrdinalIgnoreCase))
        {
            progress?.Report($"generating {config.SyntheticTrain + config.SyntheticTest} synthetic horses at {config.Size}×{config.Size}");
            return SyntheticHorses.Generate(config, ct);
        }
        return WeizmannDatabase.Load(config.Source, config, progress, ct);
    }
}
