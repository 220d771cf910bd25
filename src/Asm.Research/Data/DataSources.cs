using Asm.Research.Configuration;
using Asm.Research.Data.Catalog;

namespace Asm.Research.Data;

/// <summary>Loads the dataset named by <see cref="DataConfig.Source"/> (see <see cref="DatasetCatalog"/>).</summary>
public static class DataSources
{
    /// <summary>The name of the built-in synthetic horses.</summary>
    public const string Synthetic = "synthetic";

    /// <summary>Decodes or generates the data <paramref name="config"/> names (<see cref="DatasetCatalog.Load"/>).</summary>
    /// <exception cref="DataException">The source is empty, unknown, or the folder is unusable.</exception>
    public static SegmentationDataset Load(DataConfig config, IProgress<string>? progress = null, CancellationToken ct = default) =>
        DatasetCatalog.Load(config, progress, ct);
}
