using System.Diagnostics;
using System.Globalization;
using System.Text;
using Asm.Research.Platform;

namespace OneDnnConvCheck;

/// <summary>Runs a worker per ISA cap and thread count, merges results and implementations, prints a table.</summary>
internal static class Survey
{
    private sealed record Row(string Axis, ConvolutionShape Shape, string Isa, int Threads, double[] Errors, string Implementations);

    public static int Run(string mode, string[] args)
    {
        var isas = Option(args, "--isas", "AVX,AVX2,AVX512_CORE,ALL").Split(',');
        var threads = Option(args, "--threads", "1,2").Split(',').Select(int.Parse).ToArray();
        string? csv = OptionOrNull(args, "--csv");
        string? only = OptionOrNull(args, "--only");
        var cases = mode == "grid"
            ? Grid.Cases().Where(c => only is null || c.Axis.Contains(only) || c.Shape.ToString().Contains(only)).ToList()
            : Positional(args).Select(s => ("given", ConvolutionShape.Parse(s))).ToList();

        var rows = new List<Row>();
        foreach (string isa in isas)
            foreach (int t in threads)
            {
                var clock = Stopwatch.StartNew();
                rows.AddRange(RunWorker(isa, t, cases));
                Console.Error.WriteLine($"{isa}, {t} thread(s): {cases.Count} shapes in {clock.Elapsed.TotalSeconds:0.0} s");
            }
        Print(rows, isas, threads);
        if (csv is not null) WriteCsv(csv, rows);
        return 0;
    }

    private static IEnumerable<Row> RunWorker(string isa, int threads, List<(string Axis, ConvolutionShape Shape)> cases)
    {
        string file = Path.GetTempFileName();
        File.WriteAllLines(file, cases.Select(c => c.Shape.ToString()));
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(typeof(Survey).Assembly.Location);
        foreach (var a in new[] { "worker", $"{threads}", file }) start.ArgumentList.Add(a);
        if (isa == "ATEN") start.Environment["ASM_ONEDNN_OFF"] = "1";
        else start.Environment["ONEDNN_MAX_CPU_ISA"] = isa;
        start.Environment["ONEDNN_VERBOSE"] = "1";
        using var process = Process.Start(start)!;
        var verbose = new List<string>();
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null)
        {
            if (line.StartsWith(Worker.CaseMarker)) verbose.Clear();
            else if (line.StartsWith(Worker.ResultMarker))
            {
                var f = line[Worker.ResultMarker.Length..].Split(' ');
                int i = int.Parse(f[0]);
                var errors = f[2..6].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
                yield return new Row(cases[i].Axis, cases[i].Shape, isa, threads, errors, OneDnnVerbose.Implementations(verbose));
            }
            else verbose.Add(line);
        }
        process.WaitForExit();
        File.Delete(file);
        if (process.ExitCode != 0) throw new InvalidOperationException($"worker for {isa}, {threads} thread(s) exited with {process.ExitCode}");
    }

    private static void Print(List<Row> rows, string[] isas, int[] threads)
    {
        var columns = isas.SelectMany(i => threads.Select(t => (i, t))).ToList();
        Console.WriteLine("worst relative error of output / input grad / weight grad (bias grad where present), float32 vs float64; '!' = above 1e-3");
        Console.WriteLine($"| axis | shape | {string.Join(" | ", columns.Select(c => $"{c.i} {c.t}t"))} | implementations ({string.Join("; ", isas)}, {threads[0]}t) |");
        Console.WriteLine($"|---|---|{string.Concat(columns.Select(_ => "---|"))}---|");
        foreach (var group in rows.GroupBy(r => (r.Axis, r.Shape)))
        {
            var cells = columns.Select(c => group.FirstOrDefault(r => r.Isa == c.i && r.Threads == c.t) is { } r ? Cell(r.Errors) : "");
            var impls = isas.Select(i => group.FirstOrDefault(r => r.Isa == i && r.Threads == threads[0])?.Implementations ?? "");
            Console.WriteLine($"| {group.Key.Axis} | {group.Key.Shape} | {string.Join(" | ", cells)} | {string.Join("; ", impls)} |");
        }
        foreach (var c in columns)
        {
            var sel = rows.Where(r => r.Isa == c.i && r.Threads == c.t).ToList();
            Console.WriteLine($"{c.i} {c.t}t: {sel.Count(r => r.Errors.Max() >= ConvolutionGradientCheck.Threshold)}/{sel.Count} shapes wrong");
        }
    }

    private static string Cell(double[] e)
    {
        string F(double v) => v >= ConvolutionGradientCheck.Threshold ? $"**{v:G2}**" : v.ToString("G1", CultureInfo.InvariantCulture);
        return $"{F(e[0])}/{F(e[1])}/{F(e[2])}" + (e[3] > 0 ? $"/{F(e[3])}" : "");
    }

    private static void WriteCsv(string path, List<Row> rows)
    {
        var text = new StringBuilder("axis,shape,isa,threads,output,input_grad,weight_grad,bias_grad,implementations\n");
        foreach (var r in rows)
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"\"{r.Axis}\",\"{r.Shape}\",{r.Isa},{r.Threads},{r.Errors[0]:G3},{r.Errors[1]:G3},{r.Errors[2]:G3},{r.Errors[3]:G3},\"{r.Implementations}\""));
        File.WriteAllText(path, text.ToString());
    }

    private static string Option(string[] args, string name, string fallback) => OptionOrNull(args, name) ?? fallback;

    private static string? OptionOrNull(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static IEnumerable<string> Positional(string[] args)
    {
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--")) { i++; continue; }
            yield return args[i];
        }
    }
}
