using System.Globalization;
using System.Runtime.InteropServices;
using Asm.Research.Platform;
using TorchSharp;

namespace OneDnnConvCheck;

/// <summary>
/// Runs each shape once with the process's oneDNN (ISA from the environment) and prints, per
/// shape, a start marker, whatever oneDNN logs for it, and a result line. oneDNN logs through C
/// stdio, so its buffer is flushed at each marker to keep the lines in order.
/// </summary>
internal static class Worker
{
    public const string CaseMarker = "@@case ";
    public const string ResultMarker = "@@result ";

    public static int Run(int threads, IReadOnlyList<string> shapes)
    {
        TorchRuntime.EnsureLoaded();
        torch.set_num_threads(threads);
        for (int i = 0; i < shapes.Count; i++)
        {
            var shape = ConvolutionShape.Parse(shapes[i]);
            Flush();
            Console.WriteLine($"{CaseMarker}{i}");
            var r = ConvolutionGradientCheck.Run(shape);
            Flush();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{ResultMarker}{i} {r.Threads} {r.Output:G3} {r.InputGradient:G3} {r.WeightGradient:G3} {r.BiasGradient:G3}"));
        }
        Flush();
        return 0;
    }

    private static void Flush() => _ = FlushAll(IntPtr.Zero);

    [DllImport("libc", EntryPoint = "fflush")]
    private static extern int FlushAll(IntPtr stream);
}
