namespace Asm.Research.Sweeps;

/// <summary>
/// Exclusive hold on a run's folder for as long as a task writes it: <c>run.lock</c> opened with
/// <see cref="FileShare.None"/>, which .NET maps to an exclusive <c>flock</c> on Unix. The kernel
/// drops the lock when the process dies (even by SIGKILL), so a killed task never leaves a stale lock;
/// the file itself stays, saying who held it last.
/// </summary>
public sealed class RunLock : IDisposable
{
    private readonly FileStream _stream;

    private RunLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock of <paramref name="folder"/> (created if needed) for the run <paramref name="runName"/>.</summary>
    /// <exception cref="SweepException">Another task holds it; the message names the run and the holder.</exception>
    public static RunLock Acquire(string folder, string runName)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, RunFolder.LockFile);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            string holder = "";
            try
            {
                holder = File.ReadAllText(path).Trim();
            }
            catch (IOException)
            {
            }
            throw new SweepException($"run '{runName}': another task is writing {folder} ({RunFolder.LockFile} is held{(holder.Length > 0 ? $" by {holder}" : "")}); two tasks never write one run's folder");
        }
        stream.SetLength(0);
        using (var writer = new StreamWriter(stream, leaveOpen: true))
            writer.Write($"pid {Environment.ProcessId} on {Environment.MachineName} since {DateTime.UtcNow:O}");
        stream.Flush();
        return new RunLock(stream);
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _stream.Dispose();
}
