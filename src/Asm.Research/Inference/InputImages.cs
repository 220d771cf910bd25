using Asm.Research.Data;

namespace Asm.Research.Inference;

/// <summary>The image files to segment: one named file, or every image file directly inside a folder.</summary>
public static class InputImages
{
    /// <summary>Extensions taken from a folder (a file named explicitly may have any; its content decides).</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".jpg", ".jpeg", ".png", ".bmp"]; // the formats the loader can check for completeness

    /// <summary>
    /// <paramref name="path"/> itself if it is a file; else the image files directly in the folder,
    /// sorted by name (ordinal, as the data loader sorts), <see cref="DataFolderFiles.IsStray">stray files</see> skipped.
    /// </summary>
    /// <exception cref="DataException">Nothing there, or a folder without image files.</exception>
    public static IReadOnlyList<string> Find(string path)
    {
        if (File.Exists(path)) return [Path.GetFullPath(path)];
        if (!Directory.Exists(path)) throw new DataException($"{path}: no such file or folder", path);
        var files = DataFolderFiles.Files(path)
            .Where(f => Extensions.Contains(System.IO.Path.GetExtension(f).ToLowerInvariant()))
            .Select(System.IO.Path.GetFullPath)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
            throw new DataException($"{Path.GetFullPath(path)}: no image files here (looked for {string.Join(", ", Extensions)})", path);
        return files;
    }
}
