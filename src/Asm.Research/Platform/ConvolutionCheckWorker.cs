using System.Globalization;
using TorchSharp;

namespace Asm.Research.Platform;

/// <summary>
/// The child side of the oneDNN self-check: loads torch under the ISA cap its environment names,
/// reads convolution shapes (one per line, <see cref="ConvolutionShape"/>'s text) and writes one
/// result line per shape and thread count. The CLI runs it as <c>asm __check-convolutions --threads 1,2</c>.
/// </summary>
public static class ConvolutionCheckWorker
{
    /// <summary>The hidden command line verb that runs <see cref="Run"/>.</summary>
    public const string Verb = "__check-convolutions";

    private const string Prefix = "result ";

    /// <summary>Runs the check; <paramref name="args"/> is <c>--threads 1,2</c>. Returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> args, TextReader input, TextWriter output)
    {
        int[] threads = args.Count == 2 && args[0] == "--threads"
            ? args[1].Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray()
            : [1];
        var shapes = new List<ConvolutionShape>();
        while (input.ReadLine() is { } line)
            if (!string.IsNullOrWhiteSpace(line)) shapes.Add(ConvolutionShape.Parse(line));
        TorchRuntime.EnsureLoaded();
        foreach (int t in threads)
        {
            torch.set_num_threads(t);
            foreach (var shape in shapes) output.WriteLine(Format(ConvolutionGradientCheck.Run(shape)));
        }
        output.Flush();
        return 0;
    }

    /// <summary>One result as a line: <c>result THREADS OUTPUT INPUT WEIGHT BIAS | SHAPE</c>.</summary>
    public static string Format(ConvolutionCheckResult r) => string.Create(CultureInfo.InvariantCulture,
        $"{Prefix}{r.Threads} {r.Output:R} {r.InputGradient:R} {r.WeightGradient:R} {r.BiasGradient:R} | {r.Shape}");

    /// <summary>Parses <see cref="Format"/>'s line; null for any other line (e.g. a library's log output).</summary>
    public static ConvolutionCheckResult? Parse(string line)
    {
        if (!line.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var halves = line[Prefix.Length..].Split(" | ", 2);
        var f = halves[0].Split(' ');
        if (halves.Length != 2 || f.Length != 5) return null;
        double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
        return new ConvolutionCheckResult(ConvolutionShape.Parse(halves[1]), int.Parse(f[0], CultureInfo.InvariantCulture), D(f[1]), D(f[2]), D(f[3]), D(f[4]));
    }
}
