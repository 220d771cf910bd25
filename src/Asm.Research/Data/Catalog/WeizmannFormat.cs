using Asm.Research.Configuration;
using Asm.Research.Data.Tasks;

namespace Asm.Research.Data.Catalog;

/// <summary>The Weizmann Horse Database in either layout (<see cref="WeizmannDatabase"/>): figure-ground.</summary>
public sealed class WeizmannFormat : IDatasetFormat
{
    /// <inheritdoc />
    public string Name => "weizmann";
    /// <inheritdoc />
    public string Description => "rgb/ + figure_ground/ (JPEG) or horse/ + mask/ (PNG), in the folder or its weizmann_horse_db subfolder";
    /// <inheritdoc />
    public bool IsBuiltIn => false;
    /// <inheritdoc />
    public bool Matches(string folder) => WeizmannDatabase.HasLayout(folder);
    /// <inheritdoc />
    public SegmentationTask Task(DataConfig config) => SegmentationTask.FigureGround;
    /// <inheritdoc />
    public SegmentationDataset Load(DataConfig config, IProgress<string>? progress, CancellationToken ct) =>
        WeizmannDatabase.Load(config.Source, config, progress, ct);
}
