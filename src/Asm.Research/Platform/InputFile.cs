using Asm.Research.Data;

namespace Asm.Research.Platform;

/// <summary>
/// Reads the files a user names (images, masks, class files, split lists, sweep files, notebooks, run records,
/// checkpoints, state dicts). Anything that is not a regular file is refused by name before it is opened: a FIFO
/// would block the read forever, and <c>/dev/zero</c> or <c>/dev/urandom</c> (even behind a symbolic link) would be
/// read until memory runs out.
/// </summary>
public static class InputFile
{
    /// <summary>Throws unless <paramref name="path"/> is a regular file, a folder, or missing (those the caller names).</summary>
    /// <exception cref="DataException">The path is a FIFO, a device or a socket; the message names it.</exception>
    public static void EnsureRegular(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (UnixFileType.NonRegularKind(path) is not { } kind) return;
        string target = File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName is { } linked ? $" ({linked})" : "";
        throw new DataException($"{path}{target} is {kind}, not a regular file; name a regular file instead.", path);
    }

    /// <summary><see cref="File.ReadAllText(string)"/> of a checked regular file.</summary>
    public static string ReadAllText(string path)
    {
        EnsureRegular(path);
        return File.ReadAllText(path);
    }

    /// <summary><see cref="File.ReadAllBytes(string)"/> of a checked regular file.</summary>
    public static byte[] ReadAllBytes(string path)
    {
        EnsureRegular(path);
        return File.ReadAllBytes(path);
    }

    /// <summary><see cref="File.ReadAllLines(string)"/> of a checked regular file.</summary>
    public static string[] ReadAllLines(string path)
    {
        EnsureRegular(path);
        return File.ReadAllLines(path);
    }

    /// <summary><see cref="File.OpenRead(string)"/> of a checked regular file.</summary>
    public static FileStream OpenRead(string path)
    {
        EnsureRegular(path);
        return File.OpenRead(path);
    }
}
