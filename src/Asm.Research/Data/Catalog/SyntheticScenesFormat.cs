using Asm.Research.Configuration;
using Asm.Research.Data.Tasks;

namespace Asm.Research.Data.Catalog;

/// <summary>The kit's synthetic road scenes (<see cref="SyntheticScenes"/>): six classes, generated from a seed, any size, no download.</summary>
public sealed class SyntheticScenesFormat : IDatasetFormat
{
    /// <inheritdoc />
    public string Name => "scenes";
    /// <inheritdoc />
    public string Description => "the kit's own synthetic road scenes (sky, building, road, pavement, pole, car; generated; the multi-class default)";
    /// <inheritdoc />
    public bool IsBuiltIn => true;
    /// <inheritdoc />
    public bool Matches(string folder) => false;
    /// <inheritdoc />
    public SegmentationTask Task(DataConfig config) => SyntheticScenes.Task;

    /// <inheritdoc />
    public SegmentationDataset Load(DataConfig config, IProgress<string>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(config);
        progress?.Report($"generating {config.SyntheticTrain + config.SyntheticTest} synthetic scenes at {config.Size.Display}");
        return SyntheticScenes.Generate(config, ct);
    }
}
