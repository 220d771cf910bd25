using Asm.Research.Configuration;
using Asm.Research.Data.Tasks;

namespace Asm.Research.Data.Catalog;

/// <summary>The kit's synthetic horses (<see cref="SyntheticHorses"/>): figure-ground, generated from a seed, no download.</summary>
public sealed class SyntheticHorsesFormat : IDatasetFormat
{
    /// <inheritdoc />
    public string Name => "synthetic";
    /// <inheritdoc />
    public string Description => "the kit's own synthetic horses (figure-ground, generated; the default)";
    /// <inheritdoc />
    public bool IsBuiltIn => true;
    /// <inheritdoc />
    public bool Matches(string folder) => false;
    /// <inheritdoc />
    public SegmentationTask Task(DataConfig config) => SegmentationTask.FigureGround;

    /// <inheritdoc />
    public SegmentationDataset Load(DataConfig config, IProgress<string>? progress, CancellationToken ct)
    {
        progress?.Report($"generating {config.SyntheticTrain + config.SyntheticTest} synthetic horses at {config.Size.Display}");
        return SyntheticHorses.Generate(config, ct);
    }
}
