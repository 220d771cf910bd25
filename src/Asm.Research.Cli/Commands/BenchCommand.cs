using System.ComponentModel;
using System.Text.Json;
using Asm.Research.Configuration;
using Asm.Research.Performance;
using Asm.Research.Training;
using Spectre.Console;
using Spectre.Console.Cli;
using Asm.Research.Cli.Output;

namespace Asm.Research.Cli.Commands;

/// <summary><c>asm bench</c>: training, evaluation and data-pipeline speed per method, size and batch.</summary>
[Description("""
    Times training, evaluation and the data pipeline per method, size and batch.
    Times the real training loop on synthetic horses after a warm-up (median step), evaluation,
    the data pipeline alone, the share of step time spent waiting for data, peak memory, and
    convolution FLOPs per image against the machine's measured float32 matmul rate. The JSON's
    "allocator" says which glibc malloc settings the run had (see ASM_ALLOCATOR in the README),
    "onednn_isa" which oneDNN instruction set it ran with and why (see docs/ONEDNN.md).
    """)]
public sealed class BenchCommand : Command<BenchSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, BenchSettings settings, CancellationToken cancellationToken)
    {
        int threads = settings.ThreadCount();
        var config = settings.BaseConfig(threads);
        var reporter = new Reporter(settings.Json);
        // Every case is checked (and the cgan ones below 64 px dropped) before the first is timed.
        var cases = settings.Cases();
        if (cases.Count == 0)
            throw new UsageException("bench: every case was skipped (cgan needs --sizes of at least 64); nothing to time");
        var task = Asm.Research.Data.Catalog.DatasetCatalog.TaskOf(config.Data);
        foreach (var (method, size, batch) in cases)
        {
            var caseConfig = TrainingBenchmark.CaseConfig(config, method, size, batch, settings.Warmup, settings.Steps).WithTask(task);
            CommonOptions.Validate(caseConfig);
            // As train does: a case that cannot fit is refused here, not killed by the kernel mid-run (and others with it).
            try
            {
                MemoryEstimate.EnsureFits(caseConfig);
            }
            catch (ConfigException e)
            {
                throw new ConfigException($"bench case {method} {size.Display} batch {batch} (--sizes, --batches): {e.Message}");
            }
        }

        Asm.Research.Training.ComputeDevice.Prepare(config.Training);
        double matmul = MatmulRate.MeasureGflops();
        string allocator = Asm.Research.Platform.GlibcAllocator.Describe();
        reporter.Info($"threads {threads}, float32 matmul {matmul:0.0} GFLOP/s, malloc: {allocator}, oneDNN ISA: {Asm.Research.Platform.TorchRuntime.OneDnnIsa}");
        var results = new List<BenchmarkResult>();
        foreach (var (method, size, batch) in cases)
        {
            reporter.Info($"bench {method} {size.Display} batch {batch} …");
            results.Add(TrainingBenchmark.Run(config, method, size, batch, settings.Warmup, settings.Steps, cancellationToken));
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
            table.AddRow(r.Method, $"{r.Size.Display}", $"{r.Batch}", $"{r.TrainImagesPerSecond:0.0}", $"{r.MsPerStep:0}", $"{r.EvalImagesPerSecond:0.0}",
                $"{r.DataImagesPerSecond:0}", $"{r.DataWaitShare:P1}", $"{r.PeakRssMb:0}", $"{r.GflopPerImage:0.00}", $"{r.AchievedGflops:0.0}");
        AnsiConsole.Write(table);
        return 0;
    }
}
