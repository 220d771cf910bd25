namespace Asm.Research.Training.Output;

/// <summary>
/// The file that stops a path from being made: the path itself, or the nearest folder above it that is a file. Every
/// place that writes under a path the user gives (--out, --report, a sweep's root) asks this first, so that "under a
/// file" is one message naming the file rather than the system's "could not find a part of the path".
/// </summary>
public static class FileInTheWay
{
    /// <summary>The nearest of <paramref name="path"/> and its parents that is a file, or null when there is none below the nearest folder.</summary>
    public static string? Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        for (string? current = Path.GetFullPath(path); current is not null; current = Path.GetDirectoryName(current))
        {
            if (File.Exists(current)) return current;
            if (Directory.Exists(current)) return null;
        }
        return null;
    }
}
