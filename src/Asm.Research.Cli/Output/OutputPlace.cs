using Asm.Research.Training.Output;

namespace Asm.Research.Cli.Output;

/// <summary>
/// Checks, before any work starts, that an output option's path can be made: no file where the folder (or the file's
/// folder) should be. Without it the write at the end fails with the system's "could not find a part of the path".
/// </summary>
internal static class OutputPlace
{
    /// <summary>Refuses a folder option (<paramref name="option"/>) whose path is a file or lies under one.</summary>
    /// <exception cref="UsageException">Naming the option and the file in the way.</exception>
    public static void RequireFolder(string option, string path)
    {
        string full = Path.GetFullPath(path);
        if (FileInTheWay.Of(full) is { } file)
            throw new UsageException(file == full
                ? $"{option}: {full} is a file, not a folder; choose another {option}"
                : $"{option}: {file} is a file, so no folder can be made under it; choose another {option}");
    }

    /// <summary>Refuses a file option (<paramref name="option"/>) whose folder is a file or lies under one.</summary>
    /// <exception cref="UsageException">Naming the option and the file in the way.</exception>
    public static void RequireFileFolder(string option, string path)
    {
        string full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { } folder && FileInTheWay.Of(folder) is { } file)
            throw new UsageException($"{option}: {file} is a file, so {full} cannot be written under it; choose another {option}");
    }
}
