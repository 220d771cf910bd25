using System.Runtime.InteropServices;
using Asm.Research.Configuration;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Asm.Research.Data;

/// <summary>
/// Loads the Weizmann Horse Database (DESIGN.md, "Data") from either layout:
/// <c>rgb/*.jpg</c> + <c>figure_ground/*.jpg</c> (the original; JPEG masks), or
/// <c>horse/*.png</c> + <c>mask/*.png</c> (masks 0/1 or 0/255). Pairs are matched by file
/// stem and sorted by name (ordinal); the first <see cref="DataConfig.TrainCount"/> train,
/// the rest test. Everything is decoded once and held in the returned dataset.
/// </summary>
public static class WeizmannDatabase
{
    private static readonly (string Images, string Masks)[] Layouts = [("rgb", "figure_ground"), ("horse", "mask")];
    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".bmp"];

    /// <summary>Largest relative difference of the image's and the mask's aspect ratios accepted (they are resized independently).</summary>
    private const double AspectTolerance = 0.02;

    /// <summary>Decodes the database in <paramref name="folder"/> (or in its <c>weizmann_horse_db</c> subfolder).</summary>
    /// <param name="folder">The database folder, or a parent holding <c>weizmann_horse_db</c>.</param>
    /// <param name="config">Working size, split and the decode guard (<see cref="DataConfig.MaxImagePixels"/>).</param>
    /// <param name="progress">Receives lines such as "decoded 120/280".</param>
    /// <param name="ct">Stops decoding (throws <see cref="OperationCanceledException"/>).</param>
    /// <exception cref="DataException">The folder, a file or a pair is unusable; the message names it.</exception>
    public static SegmentationDataset Load(string folder, DataConfig config, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(config);
        if (config.Size.MinSide < 2) throw new ArgumentOutOfRangeException(nameof(config), $"DataConfig.Size must be at least 2, got {config.Size.Display}.");
        if (config.TrainCount < 0) throw new ArgumentOutOfRangeException(nameof(config), $"DataConfig.TrainCount must not be negative, got {config.TrainCount}.");

        var (root, imageDir, maskDir) = FindLayout(folder);
        var pairs = MatchPairs(imageDir, maskDir);
        progress?.Report($"found {pairs.Count} image/mask pairs in {root}");

        // Pass 1 decodes every file; the masks' two levels are then decided from all of them at
        // once (so a 0/1 data set and a 0/255 one are both read as meant); pass 2 binarises.
        var decoded = InParallel(pairs, i => DecodeFiles(pairs[i].Image, pairs[i].Mask, config), ct, n =>
        {
            if (progress is not null && (n % 40 == 0 || n == pairs.Count)) progress.Report($"decoded {n}/{pairs.Count}");
        });
        var levels = MaskInterpretation.Decide(decoded.Select(d => d.Mask).ToList(), maskDir);
        progress?.Report(levels.ToString());
        var samples = InParallel(pairs, i => Sample(pairs[i].Name, decoded[i].Rgb, MaskInterpretation.Binarise(decoded[i].Mask, levels), config.Size), ct);
        if (samples.All(s => s.Original.Values.All(v => v == 0)))
            throw new DataException(
                $"{maskDir}: all {samples.Length} masks (e.g. {pairs[0].Mask}) are empty under {levels}; there is no foreground to learn.", maskDir);

        int trainCount = config.AllTest ? 0 : Math.Min(config.TrainCount, samples.Length);
        var train = samples.Take(trainCount).ToArray();
        var test = samples.Skip(trainCount).ToArray();
        string layout = $"{Path.GetFileName(imageDir)}/ + {Path.GetFileName(maskDir)}/";
        string description = $"Weizmann horses from {root} ({layout}): {samples.Length} pairs, {train.Length} train / {test.Length} test, {config.Size.Display}";
        return new SegmentationDataset(description, train, test);
    }

    /// <summary>Whether <paramref name="folder"/> (or its weizmann_horse_db subfolder) has one of the two layouts.</summary>
    public static bool HasLayout(string folder)
    {
        string full = Path.GetFullPath(folder);
        return new[] { full, Path.Combine(full, "weizmann_horse_db") }.Any(root =>
            Layouts.Any(l => Directory.Exists(Path.Combine(root, l.Images)) && Directory.Exists(Path.Combine(root, l.Masks))));
    }

    private static (string Root, string ImageDir, string MaskDir) FindLayout(string folder)
    {
        string full = Path.GetFullPath(folder);
        if (File.Exists(full))
            throw new DataException($"Data folder {full} is a file: point --data (data.source) at the folder holding the Weizmann database (rgb/ + figure_ground/, or horse/ + mask/), or use \"synthetic\".", full);
        if (!Directory.Exists(full))
            throw new DataException($"Data folder not found: {full}. Point --data (data.source) at the Weizmann database (rgb/ + figure_ground/, or horse/ + mask/) or use \"synthetic\".", full);
        var candidates = new[] { full, Path.Combine(full, "weizmann_horse_db") };
        foreach (var root in candidates)
        {
            foreach (var (images, masks) in Layouts)
            {
                string imageDir = Path.Combine(root, images), maskDir = Path.Combine(root, masks);
                if (Directory.Exists(imageDir) && Directory.Exists(maskDir)) return (root, imageDir, maskDir);
            }
        }
        bool empty = DataFolderFiles.IsEmpty(full);
        throw new DataException(
            (empty ? $"Data folder {full} is empty" : $"Data folder {full} has no recognised layout") +
            ": expected rgb/ + figure_ground/ (JPEG) or horse/ + mask/ (PNG), in the folder or in its weizmann_horse_db subfolder.", full);
    }

    private static List<(string Name, string Image, string Mask)> MatchPairs(string imageDir, string maskDir)
    {
        var images = SplitFolders.ByStem(imageDir);
        var masks = SplitFolders.ByStem(maskDir);
        var lonelyImage = images.Keys.Where(k => !masks.ContainsKey(k)).Order(StringComparer.Ordinal).FirstOrDefault();
        if (lonelyImage is not null)
        {
            string path = images[lonelyImage];
            throw new DataException($"Image {path} has no mask: expected {Path.Combine(maskDir, lonelyImage)}.* (matched by file name stem).", path);
        }
        var lonelyMask = masks.Keys.Where(k => !images.ContainsKey(k)).Order(StringComparer.Ordinal).FirstOrDefault();
        if (lonelyMask is not null)
        {
            string path = masks[lonelyMask];
            throw new DataException($"Mask {path} has no image: expected {Path.Combine(imageDir, lonelyMask)}.* (matched by file name stem).", path);
        }
        if (images.Count == 0)
            throw new DataException($"No images in {imageDir} (looked for {string.Join(", ", ImageExtensions)}).", imageDir);
        return images.Keys.Order(StringComparer.Ordinal).Select(k => (k, images[k], masks[k])).ToList();
    }

    /// <summary>
    /// Runs <paramref name="work"/> for every pair on all cores. A bad pair stops the rest, and the
    /// error reported is the first by name whichever thread met it first: same input, same message.
    /// </summary>
    private static T[] InParallel<T>(List<(string Name, string Image, string Mask)> pairs, Func<int, T> work, CancellationToken ct, Action<int>? done = null)
    {
        var results = new T[pairs.Count];
        var errors = new Exception?[pairs.Count];
        int finished = 0;
        var gate = new object();
        var options = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, pairs.Count, options, (i, state) =>
        {
            try
            {
                results[i] = work(i);
            }
            catch (Exception e) when (e is DataException or ImageProcessingException)
            {
                errors[i] = e;
                state.Break(); // unlike Stop, Break still runs every lower index
                return;
            }
            int n = Interlocked.Increment(ref finished);
            // IProgress implementations need not be thread-safe: report one at a time.
            if (done is not null) lock (gate) done(n);
        });
        int bad = Array.FindIndex(errors, e => e is not null);
        if (bad >= 0)
        {
            if (errors[bad] is DataException data) throw data;
            throw new DataException($"{pairs[bad].Image} / {pairs[bad].Mask}: {errors[bad]!.Message}", pairs[bad].Image, errors[bad]);
        }
        return results;
    }

    /// <summary>The image resized to the working size (RGB planes in [0,1]) and the mask's grey values at its own size.</summary>
    private static (float[] Rgb, GreyMask Mask) DecodeFiles(string imagePath, string maskPath, DataConfig config)
    {
        var size = config.Size;
        using var image = ImageFiles.ReadRgb(imagePath, config.MaxImagePixels);
        using var mask = ImageFiles.ReadGray(maskPath, config.MaxImagePixels);

        double imageAspect = (double)image.Width / image.Height, maskAspect = (double)mask.Width / mask.Height;
        if (Math.Abs(imageAspect / maskAspect - 1) > AspectTolerance)
            throw new DataException(
                $"Aspect ratios differ: image {imagePath} is {image.Width}×{image.Height} but mask {maskPath} is {mask.Width}×{mask.Height} " +
                $"(more than {AspectTolerance:P0} apart), so they cannot be resized onto each other.", imagePath);

        var grey = new byte[mask.Width * mask.Height];
        mask.CopyPixelDataTo(MemoryMarshal.Cast<byte, L8>(grey.AsSpan()));

        // Triangle is bilinear; ImageSharp widens the kernel when shrinking, so downscaling
        // averages (no aliasing) like PIL's bilinear resize.
        image.Mutate(c => c.Resize(size.Width, size.Height, KnownResamplers.Triangle));
        var rgb = ImageFiles.ToChw(image);
        return (rgb, new GreyMask(maskPath, mask.Width, mask.Height, grey));
    }

    private static SegmentationSample Sample(string name, float[] rgb, LabelMask original, ImageSize size)
    {
        // Resize the binarised mask (0/255) rather than the file's grey values, so every way of
        // writing a mask (0/1, 0/255, colours) resizes alike; threshold at half.
        using var binary = Image.LoadPixelData<L8>(MemoryMarshal.Cast<byte, L8>(original.Values.Select(v => (byte)(v * 255)).ToArray()), original.Width, original.Height);
        binary.Mutate(c => c.Resize(size.Width, size.Height, KnownResamplers.Triangle));
        int width = size.Width;
        var resized = new float[size.Pixels];
        binary.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (int x = 0; x < row.Length; x++) resized[y * width + x] = row[x].PackedValue >= 128 ? 1f : 0f;
            }
        });
        return new SegmentationSample(name, rgb, resized, size.Height, size.Width, original);
    }
}
