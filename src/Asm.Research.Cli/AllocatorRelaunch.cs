using System.Diagnostics;
using System.Runtime.InteropServices;
using Asm.Research.Platform;

namespace Asm.Research.Cli;

/// <summary>
/// Runs the command line again as a child process with <see cref="GlibcAllocator.Tunables"/>
/// in its environment (glibc reads them only at start-up), and passes its exit code on. The
/// child inherits stdin, stdout and stderr, so output and pipes look as if nothing happened.
/// </summary>
internal static class AllocatorRelaunch
{
    /// <summary>
    /// Relaunches when <see cref="GlibcAllocator.ShouldApply"/>; returns false (run here, as is)
    /// when not wanted or when the child cannot be started.
    /// </summary>
    public static bool TryRun(string[] args, out int exitCode)
    {
        exitCode = 0;
        if (!GlibcAllocator.ShouldApply() || Environment.ProcessPath is not { } host) return false;

        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        // `dotnet asm.dll …` needs the assembly again; an app host (`asm …`) does not.
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
            start.ArgumentList.Add(typeof(AllocatorRelaunch).Assembly.Location);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment[GlibcAllocator.TunablesVariable] = GlibcAllocator.Tunables;

        Process child;
        try
        {
            child = Process.Start(start) ?? throw new InvalidOperationException("no process");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            Console.Error.WriteLine($"asm: could not relaunch with tuned malloc settings ({e.Message}); running with glibc's defaults");
            return false;
        }

        using (child)
        using (ForwardSignals(child))
        {
            child.WaitForExit();
            exitCode = child.ExitCode;
        }
        return true;
    }

    // Ctrl+C in a terminal reaches the whole process group, child included, which stops cleanly:
    // the parent only has to outlive it. SIGTERM, SIGHUP and SIGQUIT sent to the parent alone
    // (a job scheduler, `kill`) are passed on so the child never outlives its parent's job.
    private static IDisposable ForwardSignals(Process child)
    {
        var registrations = new List<PosixSignalRegistration>
        {
            PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true),
        };
        foreach (var (signal, number) in new[] { (PosixSignal.SIGTERM, 15), (PosixSignal.SIGHUP, 1), (PosixSignal.SIGQUIT, 3) })
            registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                _ = Kill(child.Id, number);
            }));
        return new Registrations(registrations);
    }

    private sealed class Registrations(List<PosixSignalRegistration> items) : IDisposable
    {
        public void Dispose() => items.ForEach(r => r.Dispose());
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
