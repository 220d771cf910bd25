using Asm.Research.Cli;
using Asm.Research.Platform;

// The oneDNN self-check's child (hidden): float32-vs-float64 convolutions under this process's ISA cap.
if (args is [ConvolutionCheckWorker.Verb, ..]) return ConvolutionCheckWorker.Run(args[1..], Console.In, Console.Out);
// Whole-network gradients under the ISA the kit chooses for `asm train ARGS` (hidden; NetworkGradientTests runs it).
if (args is [NetworkGradientWorker.Verb, ..])
{
    OneDnnIsaSetup.Apply(NetworkGradientWorker.TrainArguments(args));
    return NetworkGradientWorker.Run(args, Console.Out);
}
// oneDNN's ISA, chosen before libtorch loads for the networks this command runs (inherited by the relaunch below).
OneDnnIsaSetup.Apply(args);
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
// A Ctrl+C the relaunching parent passes on (sent to it alone): stop cleanly, as on the first Ctrl+C.
using var stopRequest = OperatingSystem.IsWindows() ? null : System.Runtime.InteropServices.PosixSignalRegistration.Create(AllocatorRelaunch.StopSignal, context =>
{
    context.Cancel = true;
    cancellation.Cancel();
});
return CliApp.Run(args, cancellation.Token);
