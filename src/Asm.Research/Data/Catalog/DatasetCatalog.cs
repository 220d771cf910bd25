using Asm.Research.Configuration;
using Asm.Research.Data.Tasks;

namespace Asm.Research.Data.Catalog;

/// <summary>
/// Every dataset the kit reads, by name. <see cref="DataConfig.Source"/> names a built-in generator or a
/// folder; a folder's layout is the one format that matches it (or <see cref="DataConfig.Format"/>, when
/// set). Adding a dataset is one <see cref="IDatasetFormat"/> file and one line here.
/// </summary>
public static class DatasetCatalog
{
    /// <summary>The datasets, built-in generators first.</summary>
    public static IReadOnlyList<IDatasetFormat> All { get; } =
    [
        new SyntheticHorsesFormat(),
        new SyntheticScenesFormat(),
        new WeizmannFormat(),
        new CamVidFormat(),
        new LabelMapsFormat(),
    ];

    /// <summary>The names <c>data.format</c> takes besides "auto".</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(f => f.Name).ToList();

    /// <summary>The dataset <paramref name="config"/> names.</summary>
    /// <exception cref="DataException">An unknown name, a missing folder, a folder no layout matches, or one that two match.</exception>
    public static IDatasetFormat Resolve(DataConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        string source = config.Source?.Trim() ?? "";
        if (source.Length == 0)
            throw new DataException($"data.source is empty: use a built-in dataset ({BuiltIns}) or a data folder.");
        var builtIn = All.FirstOrDefault(f => f.IsBuiltIn && string.Equals(f.Name, source, StringComparison.OrdinalIgnoreCase));
        if (builtIn is not null) return builtIn;

        string full = Path.GetFullPath(source);
        if (File.Exists(full))
            throw new DataException($"Data folder {full} is a file: point --data (data.source) at a data folder ({Layouts}) or use a built-in dataset ({BuiltIns}).", full);
        if (!Directory.Exists(full))
            throw new DataException($"Data folder not found: {full}. Point --data (data.source) at a data folder ({Layouts}) or use a built-in dataset ({BuiltIns}).", full);

        string format = config.Format?.Trim() ?? "auto";
        if (!string.Equals(format, "auto", StringComparison.OrdinalIgnoreCase))
        {
            return All.FirstOrDefault(f => !f.IsBuiltIn && string.Equals(f.Name, format, StringComparison.OrdinalIgnoreCase))
                ?? throw new DataException($"data.format = {format}: expected auto or one of {string.Join(", ", All.Where(f => !f.IsBuiltIn).Select(f => f.Name))}.");
        }
        var matches = All.Where(f => !f.IsBuiltIn && f.Matches(full)).ToList();
        if (matches.Count == 1) return matches[0];
        if (matches.Count > 1)
            throw new DataException(
                $"Data folder {full} matches more than one layout ({string.Join(", ", matches.Select(m => m.Name))}); " +
                $"choose one with --set data.format=NAME.", full);
        bool empty = DataFolderFiles.IsEmpty(full);
        throw new DataException((empty ? $"Data folder {full} is empty" : $"Data folder {full} has no recognised layout") + $": expected {Layouts}.", full);
    }

    /// <summary>The task of the data <paramref name="config"/> names, without decoding images.</summary>
    /// <exception cref="DataException">As <see cref="Resolve"/>, or an unusable classes file.</exception>
    public static SegmentationTask TaskOf(DataConfig config) => Resolve(config).Task(config);

    /// <summary>Decodes (or generates) the data <paramref name="config"/> names.</summary>
    /// <exception cref="DataException">The data is unusable; the message names the file, folder or setting.</exception>
    public static SegmentationDataset Load(DataConfig config, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var format = Resolve(config);
        if (config.Holdout == 0) return format.Load(config, progress, ct);
        if (config.Holdout is < 0 or >= 1 || double.IsNaN(config.Holdout))
            throw new DataException($"data.holdout = {config.Holdout}: a fraction of the training split, at least 0 and below 1.");
        if (config.AllTest)
            throw new DataException("data.holdout and data.allTest both choose the test images: set one of them.");
        var loaded = format.Load(config, progress, ct);
        return HoldOut(loaded, config.Holdout);
    }

    /// <summary>
    /// <paramref name="data"/> with the last ⌈<paramref name="fraction"/> × n⌉ training samples as its test split (its own
    /// test split set aside), so that a setting can be chosen without looking at the reported split.
    /// </summary>
    /// <exception cref="DataException">The training split is too small to leave images on both sides.</exception>
    public static SegmentationDataset HoldOut(SegmentationDataset data, double fraction)
    {
        ArgumentNullException.ThrowIfNull(data);
        int n = data.Train.Count, held = (int)Math.Ceiling(fraction * n);
        if (held < 1 || held >= n)
            throw new DataException($"data.holdout = {fraction} leaves no images on one side of the {n} training images.");
        return new SegmentationDataset(
            $"{data.Description}; held out: the last {held} of {n} training images as the test split ({data.Test.Count} test images set aside)",
            data.Train.Take(n - held).ToArray(), data.Train.Skip(n - held).ToArray(), data.Task);
    }

    private static string BuiltIns => string.Join(", ", All.Where(f => f.IsBuiltIn).Select(f => f.Name));

    private static string Layouts => string.Join("; ", All.Where(f => !f.IsBuiltIn).Select(f => $"{f.Name}: {f.Description}"));
}
