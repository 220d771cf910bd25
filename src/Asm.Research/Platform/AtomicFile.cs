using System.Text;
using Asm.Research.Training.Output;

namespace Asm.Research.Platform;

/// <summary>
/// Writes a file whole or not at all: into <c>NAME.tmp-PID</c> in the same folder, flushed to disk,
/// then renamed over NAME. A failure midway (a full disk, an encoder that throws) deletes the temporary
/// file and leaves any previous NAME as it was; a reader never sees half a file. Every file the kit
/// writes goes through here, except a checkpoint, whose folder is swapped the same way as a whole
/// (<see cref="Training.Checkpoints.Checkpoint"/>). NAME must not be a symbolic link: writing through
/// it would change whatever file it points to, inside the output folder or not.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no byte-order mark).</summary>
    /// <exception cref="OutputFolderException"><paramref name="path"/> is a symbolic link.</exception>
    public static void WriteAllText(string path, string text) => Write(path, stream =>
    {
        using var writer = new StreamWriter(stream, Utf8, leaveOpen: true);
        writer.Write(text);
    });

    /// <summary>Writes <paramref name="bytes"/>.</summary>
    /// <exception cref="OutputFolderException"><paramref name="path"/> is a symbolic link.</exception>
    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));

    /// <summary>Writes what <paramref name="write"/> puts into the stream it is given (an encoder's output, say).</summary>
    /// <exception cref="OutputFolderException"><paramref name="path"/> is a symbolic link.</exception>
    public static void Write(string path, Action<Stream> write) => Replace(path, temp =>
    {
        // CreateNew: a file (or link) that appeared at the temporary name since it was cleared is never written through.
        using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        write(stream);
        stream.Flush(flushToDisk: true);
    });

    /// <summary>For a library that writes to a path itself: <paramref name="writeTo"/> writes the temporary file it is given.</summary>
    /// <exception cref="OutputFolderException"><paramref name="path"/> is a symbolic link.</exception>
    public static void WriteVia(string path, Action<string> writeTo) => Replace(path, temp =>
    {
        writeTo(temp);
        using var written = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        written.Flush(flushToDisk: true);
    });

    /// <summary>The temporary name a write of <paramref name="path"/> uses (what an interrupted one leaves).</summary>
    public static string TemporaryName(string path) => $"{Path.GetFullPath(path)}.tmp-{Environment.ProcessId}";

    /// <summary>Refuses <paramref name="path"/> when it is a symbolic link; for checks made before any work starts.</summary>
    /// <exception cref="OutputFolderException"><paramref name="path"/> is a symbolic link.</exception>
    public static void RefuseLink(string path)
    {
        var info = new FileInfo(Path.GetFullPath(path));
        if (info.LinkTarget is { } target)
            throw new OutputFolderException($"{info.FullName} is a symbolic link (to {target}); the kit does not write through links, " +
                                            "which could change a file anywhere: remove the link or choose another name");
    }

    private static void Replace(string path, Action<string> writeTemp)
    {
        string full = Path.GetFullPath(path);
        RefuseLink(full);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = TemporaryName(full);
        try
        {
            File.Delete(temp); // a stale one from a crashed run with this process id (a link there is removed, not followed)
            writeTemp(temp);
            File.Move(temp, full, overwrite: true); // rename(2): replaces NAME itself, never a link's target
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { /* the original failure is the one to report */ }
            throw;
        }
    }
}
