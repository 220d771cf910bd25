using System.Diagnostics;
using System.Runtime.InteropServices;
using Asm.Research.Platform;

namespace Asm.Research.Cli;

/// <summary>
/// Runs the command line again as a child process with <see cref="GlibcAllocator.Tunables"/>
/// in its environment (glibc reads them only at start-up), and passes its exit code on. The
/// child inherits stdin, stdout and stderr, so output and pipes look as if nothing happened.
/// The child dies with its parent (on Linux, through the parent-death signal), so killing the
/// <c>asm</c> process, even with SIGKILL, never leaves a training run writing on its own.
/// </summary>
internal static class AllocatorRelaunch
{
    /// <summary>Set in the child's environment to the parent's process id.</summary>
    internal const string ParentVariable = "ASM_RELAUNCHED_BY";

    /// <summary>
    /// The signal (SIGUSR1) by which the parent passes on a Ctrl+C sent to it alone: the child stops cleanly
    /// as on its first Ctrl+C, and a terminal's Ctrl+C, which reaches both, still counts as one.
    /// </summary>
    internal const PosixSignal StopSignal = (PosixSignal)10;

    private const int PrSetPdeathsig = 1;
    private const int SigTerm = 15;

    /// <summary>
    /// Relaunches when <see cref="GlibcAllocator.ShouldApply"/>; returns false (run here, as is)
    /// when not wanted or when the child cannot be started.
    /// </summary>
    public static bool TryRun(string[] args, out int exitCode)
    {
        exitCode = 0;
        DieWithParent();
        if (!GlibcAllocator.ShouldApply() || Environment.ProcessPath is not { } host) return false;

        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        // `dotnet asm.dll …` needs the assembly again; an app host (`asm …`) does not.
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
            start.ArgumentList.Add(typeof(AllocatorRelaunch).Assembly.Location);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment[GlibcAllocator.TunablesVariable] = GlibcAllocator.Tunables;
        start.Environment[ParentVariable] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);

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

    /// <summary>
    /// In a relaunched child: asks the kernel for SIGTERM when the parent dies (SIGKILL included),
    /// then checks the parent is still the one that started it, since it may have died between
    /// the fork and this call (the child would then belong to init and never get the signal).
    /// </summary>
    private static void DieWithParent()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(ParentVariable) is not { } text) return;
        Environment.SetEnvironmentVariable(ParentVariable, null); // for this process only, not for what it starts
        if (!int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int parent)) return;
        // Runs on the main thread, the one whose parent is the launching process.
        if (Prctl(PrSetPdeathsig, SigTerm, 0, 0, 0) != 0)
            Console.Error.WriteLine($"asm: could not tie this process to its parent (prctl error {Marshal.GetLastPInvokeError()}); it may outlive it");
        if (GetParentProcessId() != parent)
        {
            Console.Error.WriteLine($"asm: the launching process {parent} has gone; stopping");
            Environment.Exit(1);
        }
    }

    // Ctrl+C in a terminal reaches the whole process group, child included; sent to the parent alone
    // (`kill -INT`), it would not: so it is passed on as StopSignal, which a child that already stops ignores.
    // SIGTERM, SIGHUP and SIGQUIT sent to the parent alone (a job scheduler, `kill`) are passed on as they
    // are, so the child never outlives its parent's job.
    private static IDisposable ForwardSignals(Process child)
    {
        var registrations = new List<PosixSignalRegistration>
        {
            PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
            {
                context.Cancel = true;
                _ = Kill(child.Id, (int)StopSignal);
            }),
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

    [DllImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static extern int Prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);

    [DllImport("libc", EntryPoint = "getppid")]
    private static extern int GetParentProcessId();

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
