// Whole-network float32 gradients against a float64 copy (issue 13's "every gradient of every default
// network within 1e-3 of float64"): DESIGN.md's default U-Net and analyzer, batch 4, the loss of
// NetworkGradientTests (both through NetworkGradientCheck), worst relative L1 errors over the parameters, and the
// input's kink crossings (activations whose sign float32 rounding flips, see NetworkGradientReport), first as they
// are, then with the reference aligned to float32's branch at each. The second argument picks the
// convolution backend: onednn (libtorch's default; ONEDNN_MAX_CPU_ISA caps its ISA) or aten (oneDNN
// switched off, ATen's own convolutions): the reference for what float32 itself gives.
//
//   ONEDNN_MAX_CPU_ISA=AVX dotnet run --project bench/NetworkGradients -c Release -- [size=128] [onednn|aten] [threads=1] [batch=4] [all]
using System.Runtime.InteropServices;
using Asm.Research.Configuration;
using Asm.Research.Models;
using Asm.Research.Platform;
using TorchSharp;
using static TorchSharp.torch;

int size = args.Length > 0 ? int.Parse(args[0]) : 128;
string backend = args.Length > 1 ? args[1] : "onednn";
int threads = args.Length > 2 ? int.Parse(args[2]) : 1;
int batch = args.Length > 3 ? int.Parse(args[3]) : 4;
bool all = args.Length > 4 && args[4] == "all";   // every parameter's error, in the network's order
Console.WriteLine(TorchRuntime.EnsureLoaded());
set_num_threads(threads);
if (backend == "aten") Console.WriteLine($"oneDNN off: {DisableMkldnn()}");
else if (backend != "onednn") { Console.Error.WriteLine($"backend '{backend}': onednn or aten"); return 2; }
Console.WriteLine($"{size} px, batch {batch}, {threads} thread(s), backend {backend}, ONEDNN_MAX_CPU_ISA={Environment.GetEnvironmentVariable("ONEDNN_MAX_CPU_ISA") ?? "(unset)"}");

var config = new ExperimentConfig();
foreach (var network in new[] { NetworkKind.UNet, NetworkKind.Analyzer })
{
    // As float32 computes it, then with the reference on float32's side of each ReLU kink the two disagree on.
    Print(network, NetworkGradientCheck.Run(network, config, size, batch, alignKinks: false));
    Print(network, NetworkGradientCheck.Run(network, config, size, batch));
}
return 0;

void Print(NetworkKind network, NetworkGradientReport report)
{
    var worst = report.Errors.OrderByDescending(e => e.Error).ToList();
    Console.WriteLine($"{network.ToString().ToLowerInvariant()}, {report.KinkCrossings} kink crossing(s) of {report.Activations} activations{(report.AlignedKinks ? ", aligned" : "")}: " +
        $"{worst.Count(e => e.Error >= 1e-3)}/{worst.Count} parameters at or above 1e-3; worst: " +
        string.Join(", ", worst.Take(4).Select(e => $"{e.Error:0.0e0} ({e.Parameter})")));
    if (all)
        foreach (var e in report.Errors) Console.WriteLine($"  {e.Error:0.0e0}  {e.Parameter}");
}

// at::globalContext().setUserEnabledMkldnn(false), as TorchRuntime switches NNPACK off (TorchSharp has no switch).
static unsafe bool DisableMkldnn()
{
    var lib = NativeLibrary.Load("libtorch_cpu.so");
    if (!NativeLibrary.TryGetExport(lib, "_ZN2at13globalContextEv", out var globalContext) ||
        !NativeLibrary.TryGetExport(lib, "_ZN2at7Context20setUserEnabledMkldnnEb", out var setEnabled) ||
        !NativeLibrary.TryGetExport(lib, "_ZNK2at7Context17userEnabledMkldnnEv", out var isEnabled))
        return false;
    IntPtr context = ((delegate* unmanaged<IntPtr>)globalContext)();
    ((delegate* unmanaged<IntPtr, byte, void>)setEnabled)(context, 0);
    return ((delegate* unmanaged<IntPtr, byte>)isEnabled)(context) == 0;
}
