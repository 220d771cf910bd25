using Asm.Research.Platform;
namespace Asm.Research.Data;

/// <summary>Pairing image and mask folders by file stem, and reading split files, for the multi-class folder formats.</summary>
public static class SplitFolders
{
    /// <summary>The file extensions taken as images (and, in a mask folder, as masks; a mask that is not PNG is refused when read).</summary>
    public static IReadOnlyList<string> ImageExtensions { get; } = [".png", ".jpg", ".jpeg", ".bmp"];

    /// <summary>The image files of <paramref name="dir"/> by file stem, sorted by name (ordinal); <see cref="DataFolderFiles.IsStray">stray files</see> are skipped.</summary>
    /// <exception cref="DataException">Two files share a stem.</exception>
    public static SortedDictionary<string, string> ByStem(string dir)
    {
        var byStem = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in DataFolderFiles.Files(dir))
        {
            if (!ImageExtensions.Contains(Path.GetExtension(file).ToLowerInvariant())) continue;
            string stem = Path.GetFileNameWithoutExtension(file);
            if (!byStem.TryAdd(stem, file))
                throw new DataException($"Two files with the stem '{stem}' in {dir}: {byStem[stem]} and {file}; keep one.", file);
        }
        return byStem;
    }

    /// <summary>Every image of <paramref name="imageDir"/> with the mask of the same stem in <paramref name="maskDir"/>, sorted by name.</summary>
    /// <exception cref="DataException">An image without a mask or a mask without an image (naming the file), or two files sharing a stem.</exception>
    public static List<LabelledPair> Pair(string imageDir, string maskDir)
    {
        var images = ByStem(imageDir);
        var masks = Directory.Exists(maskDir) ? ByStem(maskDir) : new SortedDictionary<string, string>(StringComparer.Ordinal);
        CheckPaired(images, masks, imageDir, maskDir);
        return images.Select(kv => new LabelledPair(kv.Key, kv.Value, masks[kv.Key])).ToList();
    }

    /// <summary>Refuses the first image (by name) without a mask, then the first mask without an image.</summary>
    public static void CheckPaired(IDictionary<string, string> images, IDictionary<string, string> masks, string imageDir, string maskDir)
    {
        var lonelyImage = images.Keys.Where(k => !masks.ContainsKey(k)).Order(StringComparer.Ordinal).FirstOrDefault();
        if (lonelyImage is not null)
            throw new DataException($"Image {images[lonelyImage]} has no mask: expected {Path.Combine(maskDir, lonelyImage)}.png (matched by file name stem).", images[lonelyImage]);
        var lonelyMask = masks.Keys.Where(k => !images.ContainsKey(k)).Order(StringComparer.Ordinal).FirstOrDefault();
        if (lonelyMask is not null)
            throw new DataException($"Mask {masks[lonelyMask]} has no image: expected {Path.Combine(imageDir, lonelyMask)}.* (matched by file name stem).", masks[lonelyMask]);
    }

    /// <summary>A split file's lines.</summary>
    /// <exception cref="DataException">It cannot be read.</exception>
    public static string[] ReadLines(string file)
    {
        try
        {
            return InputFile.ReadAllLines(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataException($"{file}: cannot be read ({e.Message}).", file, e);
        }
    }
}
