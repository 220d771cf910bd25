using Asm.Research.Training;

namespace Asm.Research.Sweeps;

/// <summary>
/// Exclusive hold on a run's folder for as long as a task writes it: <c>run.lock</c> opened with
/// <see cref="FileShare.None"/>, which .NET maps to an exclusive <c>flock</c> on Unix. The kernel
/// drops the lock when the process dies (even by SIGKILL), so a killed task never leaves a stale lock.
/// The holder's identity goes to <c>run.holder</c> beside it (readable while the lock is held; it stays,
/// saying who held it last).
/// </summary>
public sealed class RunLock : IDisposable
{
    private readonly FileStream _stream;

    private RunLock(FileStream stream) => _stream = stream;

    // A reader's probe (Holder) holds a shared lock for microseconds; a few retries keep it from
    // turning a task's start into a refusal.
    private const int Attempts = 5;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(20);

    /// <summary>Takes the lock of <paramref name="folder"/> (created if needed) for the run <paramref name="runName"/>.</summary>
    /// <exception cref="SweepException">Another task holds it; the message names the run and the holder.</exception>
    public static RunLock Acquire(string folder, string runName)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, RunFolder.LockFile);
        FileStream stream;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                break;
            }
            catch (IOException) when (attempt < Attempts)
            {
                Thread.Sleep(RetryDelay);
            }
            catch (IOException)
            {
                string holder = LastHolder(folder);
                throw new SweepException($"run '{runName}': another task is writing {folder} ({RunFolder.LockFile} is held{(holder.Length > 0 ? $" by {holder}" : "")}); two tasks never write one run's folder", heldByAnotherTask: true);
            }
        }
        try
        {
            ExperimentRunner.WriteAtomically(Path.Combine(folder, RunFolder.HolderFile),
                $"pid {Environment.ProcessId} on {Environment.MachineName} since {DateTime.UtcNow:O}");
        }
        catch
        {
            stream.Dispose();
            throw;
        }
        return new RunLock(stream);
    }

    /// <summary>
    /// Who holds the lock of <paramref name="folder"/> now ("pid N on HOST since T"; "another task" when the
    /// file does not say), or null when no task does. Probes with a shared, non-blocking lock, which fails
    /// only while a task holds the exclusive one (tested on a local file system; on a shared one it depends on its <c>flock</c>).
    /// </summary>
    public static string? Holder(string folder)
    {
        string path = Path.Combine(folder, RunFolder.LockFile);
        if (!File.Exists(path)) return null;
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (IOException)
        {
            string holder = LastHolder(folder);
            return holder.Length > 0 ? holder : "another task";
        }
    }

    // What the last holder wrote; empty when there is nothing to read.
    private static string LastHolder(string folder)
    {
        try
        {
            return File.ReadAllText(Path.Combine(folder, RunFolder.HolderFile)).Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _stream.Dispose();
}
