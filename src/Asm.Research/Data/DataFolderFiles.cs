namespace Asm.Research.Data;

/// <summary>
/// The files of a data folder that can belong to the data set. What operating systems, file managers and editors leave
/// beside the data — hidden files and folders (<c>.DS_Store</c>, macOS's <c>._*</c> AppleDouble twins, <c>.thumbnails/</c>),
/// <c>Thumbs.db</c>, <c>desktop.ini</c>, Synology's <c>@eaDir</c>, editor backups (<c>*~</c>, <c>*.bak</c>, <c>*.swp</c>,
/// <c>#*#</c>) — is skipped, not refused: the user did not put it there, and a <c>._horse001.jpg</c> is not an image.
/// </summary>
public static class DataFolderFiles
{
    private static readonly string[] StrayNames = ["Thumbs.db", "ehthumbs.db", "ehthumbs_vista.db", "desktop.ini", "Icon\r", "@eaDir", "__MACOSX"];
    private static readonly string[] StraySuffixes = ["~", ".bak", ".swp", ".swo", ".tmp"];

    /// <summary>Whether the file or folder at <paramref name="path"/> is left by a tool rather than part of the data (by name, or hidden).</summary>
    public static bool IsStray(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
        if (name.StartsWith('.') || (name.StartsWith('#') && name.EndsWith('#'))) return true;
        if (StrayNames.Contains(name, StringComparer.OrdinalIgnoreCase)) return true;
        if (StraySuffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase))) return true;
        try
        {
            // Windows marks hidden files by attribute rather than by name.
            return (File.GetAttributes(path) & FileAttributes.Hidden) != 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;   // unreadable: left for the reader to name
        }
    }

    /// <summary>The files directly in <paramref name="folder"/> that are not <see cref="IsStray">stray</see>, sorted by name (ordinal).</summary>
    public static IReadOnlyList<string> Files(string folder) =>
        Directory.EnumerateFiles(folder).Where(f => !IsStray(f)).Order(StringComparer.Ordinal).ToList();

    /// <summary>Whether <paramref name="folder"/> holds nothing but stray files and folders.</summary>
    public static bool IsEmpty(string folder) => Directory.EnumerateFileSystemEntries(folder).All(IsStray);
}
