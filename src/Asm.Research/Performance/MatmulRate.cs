using System.Diagnostics;
using TorchSharp;

namespace Asm.Research.Performance;

/// <summary>The machine's float32 matrix-multiply rate through libtorch: the ceiling to compare training GFLOP/s with.</summary>
public static class MatmulRate
{
    /// <summary>Median GFLOP/s of <paramref name="repeats"/> products of two n×n float32 matrices (after a warm-up).</summary>
    public static double MeasureGflops(int n = 1024, int repeats = 9)
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.randn(n, n);
        var b = torch.randn(n, n);
        a.mm(b);
        var seconds = new List<double>();
        for (int i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            using var c = a.mm(b);
            seconds.Add(clock.Elapsed.TotalSeconds);
        }
        return 2.0 * n * n * n / Statistics.Median(seconds) / 1e9;
    }
}
