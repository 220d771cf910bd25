using Asm.Research.Cli.Output;
using Asm.Research.Data;
using Asm.Research.Reports;
using Asm.Research.Training;

namespace Asm.Research.Cli.Commands;

/// <summary><c>asm report</c>: the HTML page of <c>--report</c>, made from saved records instead of a new run.</summary>
public static class ReportCommand
{
    public const string Help = """
        asm report --records DIR --out FILE.html [--data DIR|synthetic] [--count 4] [--threads N] [--json]
          The page train/compare --report write, from the complete result.json records under DIR (grouped by
          setting as summarize groups them; links not followed): config, scores (mean ± std and per seed),
          grouped bars, per-epoch test IoU and losses (from each record's checkpoint/ or epochs.json). Where a
          record keeps its checkpoint/, the first seed of each setting predicts the test images (from --data,
          default the record's own data) and the page shows the --count images where they differ most.
          Replaces only a page the kit wrote.
        """;

    // A gallery row holds the image, the truth and one error map per predictor: more would not fit a page.
    private const int MaxPredictors = 6;

    public static int Run(IReadOnlyList<string> argv, CancellationToken cancellationToken)
    {
        var args = CommandArguments.Parse("report", argv, new HashSet<string>(["--records", "--out", "--data", "--count", "--threads"]), new HashSet<string>(["--json"]));
        string root = args.Value("--records") ?? throw new UsageException("report: --records DIR is required (a folder of run records, e.g. docs/results)");
        if (!Directory.Exists(root)) throw new UsageException($"--records: folder '{Path.GetFullPath(root)}' does not exist");
        var output = ReportFile.From(args.Value("--out") ?? throw new UsageException("report: --out FILE.html is required"), "--out")!;
        int count = args.Int("--count") ?? TestPredictions.DefaultCount;
        int threads = CommonOptions.Threads(args);
        var reporter = new Reporter(args.Flag("--json"));

        var records = ReportRecords.Read(root);
        if (records.Count == 0)
            throw new UsageException($"--records: no complete result.json under {Path.GetFullPath(root)} (asm summarize --records lists what is there)");
        reporter.Info($"records: {records.Count} run(s) under {Path.GetFullPath(root)}");

        var predictors = records.Where(r => r.Checkpoint is not null)
            .GroupBy(r => r.Run.Label).Select(g => g.OrderBy(r => r.Run.Result.Seed).First()).ToList();
        TestPredictions? predictions = null;
        string? note = null;
        if (predictors.Count == 0)
            note = "No record here keeps its checkpoint/ folder, so no test images are shown (records made by `asm train` or `asm compare --out` keep one; docs/results keeps only result.json and epochs.json).";
        else
        {
            if (predictors.Count > MaxPredictors)
                note = $"Test images for the first {MaxPredictors} of {predictors.Count} settings with a checkpoint.";
            predictors = predictors.Take(MaxPredictors).ToList();
            var config = Training.Checkpoints.Checkpoint.ReadManifest(predictors[0].Checkpoint!).Config;
            ComputeDevice.Prepare(config.Training with { Threads = threads });
            var data = DataSources.Load(config.Data with { Source = args.Value("--data") ?? config.Data.Source }, new Progress<string>(reporter.Info), cancellationToken);
            if (data.Test.Count == 0) throw new DataException($"{data.Description}: no test images to predict", config.Data.Source);
            reporter.Info($"predicting {data.Test.Count} test images ({data.Description}) with {predictors.Count} checkpoint(s)");
            predictions = TestPredictions.FromCheckpoints(predictors.Select(p => (p.Run.Name, p.Checkpoint!)).ToList(), data.Test, cancellationToken);
        }

        output.Write(RunReport.Build($"Runs under {root}", records.Select(r => r.Run).ToList(), predictions,
            $"asm report {string.Join(' ', argv)}", note, count), reporter);
        return 0;
    }
}
