using Asm.Research.Configuration;
using Asm.Research.Data.Tasks;

namespace Asm.Research.Data.Catalog;

/// <summary>
/// CamVid in SegNet's layout (DESIGN.md, "CamVid"; <c>../shared/data/camvid/README.md</c>): <c>train/</c> + <c>trainannot/</c>,
/// <c>val/</c> + <c>valannot/</c>, optionally <c>test/</c> + <c>testannot/</c>, and split files <c>train.txt</c>, <c>val.txt</c>,
/// <c>test.txt</c> whose lines read <c>train/NAME.png trainannot/NAME.png</c>. Paths in split files are taken relative to the
/// folder by their last two components, so SegNet's own files (<c>/SegNet/CamVid/train/x.png …</c>) read unchanged. A split
/// without its file is its folder pair, matched by file stem and sorted by name.
/// <para>Masks are 8-bit grey PNGs of class indices 0–10 with 11 = void (→ 255 in the kit); any other value, and a colour
/// mask, is refused. Image and mask must have the same size. Training reads <c>train</c>, testing
/// <see cref="DataConfig.TestSplit"/> (<c>val</c> by default); <see cref="DataConfig.AllTest"/> makes both test samples.</para>
/// </summary>
public sealed class CamVidFormat : IDatasetFormat
{
    /// <summary>The value void has in CamVid's mask files.</summary>
    public const int VoidIndex = 11;

    /// <summary>SegNet's 11 CamVid classes with the usual palette; void (11) is black.</summary>
    public static SegmentationTask CamVidTask { get; } = SegmentationTask.MultiClass("camvid",
    [
        new("Sky", "#808080"),
        new("Building", "#800000"),
        new("Pole", "#C0C080"),
        new("Road", "#804080"),
        new("Pavement", "#3C28DE"),
        new("Tree", "#808000"),
        new("SignSymbol", "#C08080"),
        new("Fence", "#404080"),
        new("Car", "#400080"),
        new("Pedestrian", "#404000"),
        new("Bicyclist", "#0080C0"),
    ], VoidIndex,
    // DESIGN.md's co-occurring pairs, whose mutual confusion the metrics report.
    [("Road", "Pavement"), ("Pole", "SignSymbol"), ("Pedestrian", "Bicyclist"), ("Building", "Tree"), ("Car", "Pavement")]);

    /// <summary>The colour void is drawn in (black).</summary>
    public const string VoidColour = "#000000";

    /// <inheritdoc />
    public string Name => "camvid";
    /// <inheritdoc />
    public string Description => "CamVid as SegNet ships it: train/ + trainannot/, val/ + valannot/ (test/ + testannot/), train.txt / val.txt / test.txt; 8-bit class-index PNG masks, 11 = void";
    /// <inheritdoc />
    public bool IsBuiltIn => false;

    /// <inheritdoc />
    public bool Matches(string folder) =>
        Directory.Exists(Path.Combine(folder, "train")) && Directory.Exists(Path.Combine(folder, "trainannot")) &&
        (File.Exists(Path.Combine(folder, "train.txt")) ||
         (Directory.Exists(Path.Combine(folder, "val")) && Directory.Exists(Path.Combine(folder, "valannot"))));

    /// <inheritdoc />
    public SegmentationTask Task(DataConfig config) => CamVidTask;

    /// <inheritdoc />
    public SegmentationDataset Load(DataConfig config, IProgress<string>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Size.MinSide < 2) throw new ArgumentOutOfRangeException(nameof(config), $"DataConfig.Size must be at least 2, got {config.Size.Display}.");
        string folder = Path.GetFullPath(config.Source);
        if (!Directory.Exists(folder))
            throw new DataException($"CamVid folder not found: {folder}.", folder);
        if (!Matches(folder))
            throw new DataException($"{folder} is not a CamVid folder: expected {Description}.", folder);

        string testSplit = (config.TestSplit ?? "val").Trim().ToLowerInvariant();
        if (testSplit is not ("val" or "test"))
            throw new DataException($"data.testSplit = {config.TestSplit}: CamVid reports on \"val\" or \"test\".");
        if (!HasSplit(folder, testSplit))
            throw new DataException(
                $"data.testSplit = {testSplit}, but {folder} has no {testSplit} split (neither {testSplit}.txt nor {testSplit}/ + {testSplit}annot/)" +
                (testSplit == "test" ? "; this copy may hold train and val only: use data.testSplit = val." : "."), folder);

        var trainPairs = Split(folder, "train");
        var testPairs = Split(folder, testSplit);
        var overlap = trainPairs.Select(p => p.Image).Intersect(testPairs.Select(p => p.Image)).FirstOrDefault();
        if (overlap is not null)
            throw new DataException($"{overlap} is in both the train and the {testSplit} split of {folder}.", overlap);
        progress?.Report($"CamVid in {folder}: {trainPairs.Count} train, {testPairs.Count} {testSplit}");

        var all = LabelledPairs.Decode([.. trainPairs, .. testPairs],
            m => m.IsColour
                ? throw new DataException($"{m.Path}: a colour PNG; CamVid masks are 8-bit grey class indices (0–10, 11 = void).", m.Path)
                : LabelledPairs.FromIndices(m, CamVidTask.ClassCount, VoidIndex),
            config, "CamVid", progress, ct);
        var train = all.Take(trainPairs.Count).ToArray();
        var test = all.Skip(trainPairs.Count).ToArray();
        if (config.AllTest)
        {
            test = [.. train, .. test];
            train = [];
        }
        string description = $"CamVid from {folder}: {(config.AllTest ? $"all {test.Length} (train + {testSplit}) as test" : $"{train.Length} train / {test.Length} {testSplit}")}, {config.Size.Display}";
        return new SegmentationDataset(description, train, test, CamVidTask);
    }

    private static bool HasSplit(string folder, string split) =>
        File.Exists(Path.Combine(folder, split + ".txt")) ||
        (Directory.Exists(Path.Combine(folder, split)) && Directory.Exists(Path.Combine(folder, split + "annot")));

    /// <summary>A split's pairs: from its split file when present, else its folder pair.</summary>
    private static List<LabelledPair> Split(string folder, string split)
    {
        string listFile = Path.Combine(folder, split + ".txt");
        var pairs = File.Exists(listFile) ? FromListFile(folder, listFile) : SplitFolders.Pair(Path.Combine(folder, split), Path.Combine(folder, split + "annot"));
        if (pairs.Count == 0)
            throw new DataException($"The {split} split of {folder} is empty ({(File.Exists(listFile) ? listFile + " lists no samples" : $"no images in {Path.Combine(folder, split)}")}).", folder);
        return pairs;
    }

    private static List<LabelledPair> FromListFile(string folder, string listFile)
    {
        var pairs = new List<LabelledPair>();
        var lines = SplitFolders.ReadLines(listFile);
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
                throw new DataException($"{listFile}, line {i + 1}: expected \"IMAGE MASK\" (e.g. train/NAME.png trainannot/NAME.png), got \"{line}\".", listFile);
            string image = Relative(folder, parts[0]), mask = Relative(folder, parts[1]);
            foreach (var (path, written) in new[] { (image, parts[0]), (mask, parts[1]) })
            {
                if (!File.Exists(path))
                    throw new DataException($"{listFile}, line {i + 1}: {written} not found (looked for {path}).", listFile);
            }
            pairs.Add(new LabelledPair(Path.GetFileNameWithoutExtension(image), image, mask));
        }
        var twice = pairs.GroupBy(p => p.Image, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw new DataException($"{listFile} lists {twice.Key} {twice.Count()} times.", listFile);
        return pairs;
    }

    /// <summary>A split file's path as a file in <paramref name="folder"/>: its last two components (SPLIT/NAME.png).</summary>
    private static string Relative(string folder, string written)
    {
        var parts = written.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 ? Path.Combine(folder, parts[^2], parts[^1]) : Path.Combine(folder, parts[^1]);
    }
}
