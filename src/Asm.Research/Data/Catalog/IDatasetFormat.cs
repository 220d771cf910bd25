using Asm.Research.Configuration;
using Asm.Research.Data.Tasks;

namespace Asm.Research.Data.Catalog;

/// <summary>
/// One dataset the kit reads, registered by name in <see cref="DatasetCatalog"/>: a built-in generator
/// (synthetic horses, synthetic scenes) or a folder layout (Weizmann, CamVid, labelmaps).
/// </summary>
public interface IDatasetFormat
{
    /// <summary>The name <c>data.format</c> (or, for a built-in one, <c>data.source</c>) takes, e.g. "camvid".</summary>
    string Name { get; }

    /// <summary>One line for help texts: what it is and its layout.</summary>
    string Description { get; }

    /// <summary>True for a generator that needs no folder (its <see cref="Name"/> is a valid <c>data.source</c>).</summary>
    bool IsBuiltIn { get; }

    /// <summary>Whether <paramref name="folder"/> (an existing directory) has this layout; never throws for a folder of another layout.</summary>
    bool Matches(string folder);

    /// <summary>The task the data is labelled for, read without decoding any image (a classes file at most).</summary>
    /// <exception cref="DataException">The folder or its classes file is unusable; the message names it.</exception>
    SegmentationTask Task(DataConfig config);

    /// <summary>Decodes (or generates) both splits at <see cref="DataConfig.Size"/>.</summary>
    /// <exception cref="DataException">A file, a split or a label is unusable; the message names it.</exception>
    SegmentationDataset Load(DataConfig config, IProgress<string>? progress, CancellationToken ct);
}
