using Asm.Research.Cli;

// Long runs go faster with tuned malloc settings that glibc reads only at start-up (see GlibcAllocator).
if (CliApp.UsesTorch(args) && AllocatorRelaunch.TryRun(args, out int relaunchedExitCode)) return relaunchedExitCode;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C stops training cleanly at the next step; a second one kills the process.
    if (cancellation.IsCancellationRequested) return;
    e.Cancel = true;
    cancellation.Cancel();
};
return CliApp.Run(args, cancellation.Token);
