using System.Text.Json;
using Asm.Research.Cli.Output;
using Asm.Research.Configuration;
using Asm.Research.Performance;
using Asm.Research.Training.Methods;
using Spectre.Console;

namespace Asm.Research.Cli.Commands;

/// <summary><c>asm bench</c>: training, evaluation and data-pipeline speed per method, size and batch.</summary>
public static class BenchCommand
{
    public static string Help => $"""
        asm bench [--methods bce,asm,cgan (any of {string.Join(",", MethodRegistry.Names)})] [--sizes 64,128,256] [--batches 8] [--steps N] [--warmup N]
                  [--set key=value ...] [--threads N] [--json]
          Times the real training loop on synthetic horses after a warm-up (median step), evaluation,
          the data pipeline alone, the share of step time spent waiting for data, peak memory, and
          convolution FLOPs per image against the machine's measured float32 matmul rate. The JSON's
          "allocator" says which glibc malloc settings the run had (see ASM_ALLOCATOR in the README),
          "onednn_isa" which oneDNN instruction set it ran with and why (see docs/ONEDNN.md).
        """;

    public static int Run(IReadOnlyList<string> argv, CancellationToken cancellationToken)
    {
        var args = CommandArguments.Parse("bench", argv,
            new HashSet<string>(["--methods", "--sizes", "--batches", "--steps", "--warmup", "--set", "--threads"]), new HashSet<string>(["--json"]));
        var methods = CommandArguments.Methods(args.Value("--methods") ?? "bce,asm,cgan", "--methods");
        var sizes = args.IntList("--sizes") ?? [64, 128, 256];
        if (sizes.Any(s => s < 32 || s % 16 != 0)) throw new UsageException("--sizes: each size must be a multiple of 16, at least 32");
        var batches = args.IntList("--batches") ?? [8];
        if (batches.Any(b => b < 2)) throw new UsageException("--batches: each batch must be at least 2");
        int steps = args.Int("--steps") ?? 10, warmup = args.Int("--warmup", minimum: 1) ?? 3;
        int threads = CommonOptions.Threads(args);
        var config = ConfigOverrides.Apply(new ExperimentConfig(), args.Values("--set")) is var c
            ? c with { Training = c.Training with { Threads = threads } } : null!;
        var reporter = new Reporter(args.Flag("--json"));
        // Every case is checked (and the cgan ones below 64 px dropped) before the first is timed.
        var cases = (from size in sizes from batch in batches from method in methods
                     where method != "cgan" || size >= 64
                     select (Method: method, Size: size, Batch: batch)).ToList();
        if (cases.Count == 0)
            throw new UsageException("bench: every case was skipped (cgan needs --sizes of at least 64); nothing to time");
        foreach (var (method, size, batch) in cases)
            CommonOptions.Validate(config.WithMethod(method) with
            {
                Data = config.Data with { Size = size },
                Training = config.Training with { BatchSize = batch },
            });

        Asm.Research.Training.ComputeDevice.Prepare(config.Training);
        double matmul = MatmulRate.MeasureGflops();
        string allocator = Asm.Research.Platform.GlibcAllocator.Describe();
        reporter.Info($"threads {threads}, float32 matmul {matmul:0.0} GFLOP/s, malloc: {allocator}, oneDNN ISA: {Asm.Research.Platform.TorchRuntime.OneDnnIsa}");
        var results = new List<BenchmarkResult>();
        foreach (var (method, size, batch) in cases)
        {
            reporter.Info($"bench {method} {size}×{size} batch {batch} …");
            results.Add(TrainingBenchmark.Run(config, method, size, batch, warmup, steps, cancellationToken));
        }

        if (reporter.Json)
        {
            var record = new Dictionary<string, object> { ["threads"] = threads, ["matmul_gflops"] = matmul, ["allocator"] = allocator,
                ["onednn_isa"] = Asm.Research.Platform.TorchRuntime.OneDnnIsa, ["results"] = results };
            Console.WriteLine(JsonSerializer.Serialize(record));
            return 0;
        }
        var table = new Table().Title($"threads {threads}, matmul {matmul:0.0} GFLOP/s");
        foreach (var column in new[] { "method", "size", "batch", "train img/s", "ms/step", "eval img/s", "data img/s", "data wait", "peak MB", "GFLOP/img", "GFLOP/s" })
            table.AddColumn(column);
        foreach (var r in results)
            table.AddRow(r.Method, $"{r.Size}", $"{r.Batch}", $"{r.TrainImagesPerSecond:0.0}", $"{r.MsPerStep:0}", $"{r.EvalImagesPerSecond:0.0}",
                $"{r.DataImagesPerSecond:0}", $"{r.DataWaitShare:P1}", $"{r.PeakRssMb:0}", $"{r.GflopPerImage:0.00}", $"{r.AchievedGflops:0.0}");
        AnsiConsole.Write(table);
        return 0;
    }
}
