using Asm.Research.Configuration;
using Asm.Research.Data.Tasks;

namespace Asm.Research.Data.Catalog;

/// <summary>
/// A generic layout for one's own multi-class data: <c>images/</c> (PNG, JPEG or BMP) and <c>masks/</c> (or <c>labels/</c>;
/// PNG), matched by file stem, and a <c>classes.json</c> (<see cref="ClassesFile"/>) naming the classes and their colours.
/// <para>Each mask is read by its PNG colour type, never by its values: an 8-bit grey PNG is a class-index mask (value =
/// class index; the classes file's <c>void</c> value = void; anything else is refused); an RGB, RGBA or palette PNG is a
/// colour mask (every pixel's colour must be a class colour or the <c>voidColour</c>; alpha is ignored). So a colour mask
/// saved as grey is read as indices: save colour masks as RGB or palette PNGs. Masks must have their image's exact size.</para>
/// <para>Split: with split files (<c>train.txt</c>, and <c>test.txt</c> or <c>val.txt</c>; one file stem per line, a
/// path or extension is stripped) the listed samples; a split without its file takes every sample the other does not list;
/// <see cref="DataConfig.TestSplit"/> picks between test.txt and val.txt when both are there. Without split files, sorted by
/// name, the first <see cref="DataConfig.TrainCount"/> train and the rest test. <see cref="DataConfig.AllTest"/>: all test.</para>
/// </summary>
public sealed class LabelMapsFormat : IDatasetFormat
{
    /// <inheritdoc />
    public string Name => "labelmaps";
    /// <inheritdoc />
    public string Description => "images/ + masks/ (or labels/) matched by file stem, classes.json; masks are 8-bit grey class-index PNGs or RGB/palette colour PNGs; optional train.txt / test.txt (or val.txt)";
    /// <inheritdoc />
    public bool IsBuiltIn => false;

    /// <inheritdoc />
    public bool Matches(string folder) =>
        Directory.Exists(Path.Combine(folder, "images")) &&
        (Directory.Exists(Path.Combine(folder, "masks")) || Directory.Exists(Path.Combine(folder, "labels")));

    /// <inheritdoc />
    public SegmentationTask Task(DataConfig config) => Classes(Folder(config)).Task;

    /// <inheritdoc />
    public SegmentationDataset Load(DataConfig config, IProgress<string>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Size.MinSide < 2) throw new ArgumentOutOfRangeException(nameof(config), $"DataConfig.Size must be at least 2, got {config.Size.Display}.");
        if (config.TrainCount < 0) throw new ArgumentOutOfRangeException(nameof(config), $"DataConfig.TrainCount must not be negative, got {config.TrainCount}.");
        string folder = Folder(config);
        var classes = Classes(folder);
        string imageDir = Path.Combine(folder, "images"), maskDir = MaskDir(folder);
        var images = SplitFolders.ByStem(imageDir);
        var masks = SplitFolders.ByStem(maskDir);
        SplitFolders.CheckPaired(images, masks, imageDir, maskDir);
        if (images.Count == 0)
            throw new DataException($"No images in {imageDir} (looked for {string.Join(", ", SplitFolders.ImageExtensions)}).", imageDir);

        var (trainStems, testStems, how) = SplitStems(folder, config, images);
        LabelledPair Pair(string stem) => new(stem, images[stem], masks[stem]);
        var trainPairs = trainStems.Select(Pair).ToList();
        var testPairs = testStems.Select(Pair).ToList();
        progress?.Report($"labelmaps in {folder}: {classes.Task.Describe()}; {trainPairs.Count} train / {testPairs.Count} test ({how})");

        var all = LabelledPairs.Decode([.. trainPairs, .. testPairs], m => Labels(m, classes), config, "labelmaps", progress, ct);
        var train = all.Take(trainPairs.Count).ToArray();
        var test = all.Skip(trainPairs.Count).ToArray();
        if (config.AllTest)
        {
            test = [.. train, .. test];
            train = [];
        }
        string description = $"labelmaps from {folder} ({classes.Task.ClassCount} classes): {train.Length} train / {test.Length} test ({(config.AllTest ? "all test" : how)}), {config.Size.Display}";
        return new SegmentationDataset(description, train, test, classes.Task);
    }

    /// <summary>A mask's labels: class indices 0…C−1, 255 void (see the class summary for how a file is read).</summary>
    public static byte[] Labels(MaskFile mask, ClassesFile classes)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(classes);
        int count = classes.Task.ClassCount;
        if (!mask.IsColour)
            return LabelledPairs.FromIndices(mask, count, classes.VoidValue,
                $"it is read as a class-index mask because it is an 8-bit grey PNG (save colour masks as RGB or palette PNGs; classes in {classes.Path})");

        var table = new Dictionary<int, byte>(count + 1);
        for (int c = 0; c < count; c++)
        {
            var (r, g, b) = classes.Task.Classes[c].Rgb();
            table[(r << 16) | (g << 8) | b] = (byte)c;
        }
        if (classes.VoidColour is { } v) table[(v.R << 16) | (v.G << 8) | v.B] = SegmentationTask.VoidLabel;

        var labels = new byte[mask.Width * mask.Height];
        var px = mask.Pixels;
        int last = -1;
        byte lastLabel = 0;
        for (int k = 0; k < labels.Length; k++)
        {
            int key = (px[3 * k] << 16) | (px[3 * k + 1] << 8) | px[3 * k + 2];
            if (key != last)
            {
                if (!table.TryGetValue(key, out lastLabel))
                    throw new DataException(
                        $"{mask.Path}: colour {SegmentationClass.Hex(px[3 * k], px[3 * k + 1], px[3 * k + 2])} at (x {k % mask.Width}, y {k / mask.Width}) " +
                        $"is neither one of the {count} class colours in {classes.Path}" +
                        (classes.VoidColour is null ? " (which gives no voidColour)" : " nor its voidColour") +
                        " (the file is read as a colour mask because it is an RGB or palette PNG).", mask.Path);
                last = key;
            }
            labels[k] = lastLabel;
        }
        return labels;
    }

    private static string Folder(DataConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        string folder = Path.GetFullPath(config.Source);
        if (!Directory.Exists(folder))
            throw new DataException($"labelmaps folder not found: {folder}.", folder);
        return folder;
    }

    private static ClassesFile Classes(string folder) =>
        ClassesFile.Read(Path.Combine(folder, ClassesFile.FileName), Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)));

    private static string MaskDir(string folder)
    {
        string masks = Path.Combine(folder, "masks"), labels = Path.Combine(folder, "labels");
        bool hasMasks = Directory.Exists(masks), hasLabels = Directory.Exists(labels);
        if (hasMasks && hasLabels)
            throw new DataException($"{folder} has both masks/ and labels/: keep one (labelmaps reads the masks from either).", folder);
        if (!hasMasks && !hasLabels)
            throw new DataException($"{folder} is not a labelmaps folder: expected images/ and masks/ (or labels/) and {ClassesFile.FileName}.", folder);
        return hasMasks ? masks : labels;
    }

    private static (List<string> Train, List<string> Test, string How) SplitStems(string folder, DataConfig config, IReadOnlyDictionary<string, string> images)
    {
        string trainFile = Path.Combine(folder, "train.txt");
        string preferred = string.Equals(config.TestSplit?.Trim(), "test", StringComparison.OrdinalIgnoreCase) ? "test" : "val";
        string other = preferred == "test" ? "val" : "test";
        string? testFile = new[] { preferred, other }.Select(s => Path.Combine(folder, s + ".txt")).FirstOrDefault(File.Exists);
        bool hasTrain = File.Exists(trainFile);

        if (!hasTrain && testFile is null)
        {
            var all = images.Keys.ToList();   // sorted by name (ordinal)
            if (config.AllTest) return ([], all, "all test");
            if (config.TrainCount >= all.Count)
                throw new DataException(
                    $"data.trainCount = {config.TrainCount}, but {folder} has {all.Count} samples, which leaves none to test; " +
                    $"set data.trainCount below {all.Count}, or add train.txt and test.txt.", folder);
            return (all.Take(config.TrainCount).ToList(), all.Skip(config.TrainCount).ToList(),
                    $"sorted by name, the first {config.TrainCount} train");
        }

        var listed = new Dictionary<string, (string File, int Line)>(StringComparer.Ordinal);
        List<string>? train = hasTrain ? ReadList(trainFile, images, listed) : null;
        List<string>? test = testFile is not null ? ReadList(testFile, images, listed) : null;
        train ??= images.Keys.Where(k => !listed.ContainsKey(k)).ToList();
        test ??= images.Keys.Where(k => !listed.ContainsKey(k)).ToList();
        string how = $"{(hasTrain ? "train.txt" : "train: the samples not listed")}, {(testFile is not null ? Path.GetFileName(testFile) : "test: the samples train.txt does not list")}";
        if (train.Count == 0 && !config.AllTest)
            throw new DataException($"The training split of {folder} is empty ({(hasTrain ? trainFile + " lists no samples" : "every sample is listed for testing")}).", hasTrain ? trainFile : folder);
        if (test.Count == 0)
            throw new DataException($"The test split of {folder} is empty ({(testFile is not null ? testFile + " lists no samples" : "train.txt lists every sample; add test.txt")}).", testFile ?? folder);
        return (train, test, how);
    }

    /// <summary>The stems a split file lists; refuses a stem without an image and one listed twice (in this or another split file).</summary>
    private static List<string> ReadList(string file, IReadOnlyDictionary<string, string> images, Dictionary<string, (string File, int Line)> listed)
    {
        var stems = new List<string>();
        var lines = SplitFolders.ReadLines(file);
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            string written = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0];
            string stem = written.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries)[^1];
            if (SplitFolders.ImageExtensions.Contains(Path.GetExtension(stem).ToLowerInvariant())) stem = Path.GetFileNameWithoutExtension(stem);
            if (!images.ContainsKey(stem))
                throw new DataException($"{file}, line {i + 1}: {written} not found (no image with the stem '{stem}' in images/).", file);
            if (listed.TryGetValue(stem, out var before))
                throw new DataException($"{file}, line {i + 1}: '{stem}' is already listed in {before.File}, line {before.Line}.", file);
            listed[stem] = (file, i + 1);
            stems.Add(stem);
        }
        return stems;
    }
}
