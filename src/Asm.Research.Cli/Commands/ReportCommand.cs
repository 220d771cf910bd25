using System.ComponentModel;
using Asm.Research.Cli.Output;
using Asm.Research.Data;
using Asm.Research.Reports;
using Asm.Research.Training;
using Asm.Research.Training.Checkpoints;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Commands;

/// <summary><c>asm report</c>: the HTML page of <c>--report</c>, made from saved records instead of a new run.</summary>
[Description("""
    Writes the HTML page of train/compare --report from saved run records, without training.
    Reads the complete result.json records under --records (grouped by setting as summarize groups
    them; links not followed): config, scores (mean ± std and per seed), grouped bars, per-epoch test
    IoU and losses (from each record's checkpoint/ or epochs.json). Where a record keeps its
    checkpoint/, the first seed of each setting predicts the test images (from --data, default the
    record's own data) and the page shows the --count images where they differ most.
    """)]
public sealed class ReportCommand : Command<ReportSettings>
{
    // A gallery row holds the image, the truth and one error map per predictor: more would not fit a page.
    private const int MaxPredictors = 6;

    /// <inheritdoc/>
    public override int Execute(CommandContext context, ReportSettings settings, CancellationToken cancellationToken)
    {
        string root = settings.Records!;
        if (!Directory.Exists(root)) throw new UsageException($"--records: folder '{Path.GetFullPath(root)}' does not exist");
        var output = ReportFile.From(settings.Out, "--out")!;
        int threads = settings.ThreadCount();
        var reporter = new Reporter(settings.Json);

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
            // The record's own config (the checkpoint's, without verifying its files a second time).
            var config = predictors[0].Run.Result.Config ?? Checkpoint.ReadManifest(predictors[0].Checkpoint!).Config;
            ComputeDevice.Prepare(config.Training with { Threads = threads });
            var data = DataSources.Load(config.Data with { Source = settings.Data ?? config.Data.Source }, new Progress<string>(reporter.Info), cancellationToken);
            if (data.Test.Count == 0) throw new DataException($"{data.Description}: no test images to predict", config.Data.Source);
            reporter.Info($"predicting {data.Test.Count} test images ({data.Description}) with {predictors.Count} checkpoint(s)");
            predictions = TestPredictions.FromCheckpoints(predictors.Select(p => (p.Run.Name, p.Checkpoint!)).ToList(), data.Test, cancellationToken);
        }

        output.Write(RunReport.Build($"Runs under {root}", records.Select(r => r.Run).ToList(), predictions,
            $"asm {string.Join(' ', context.Arguments)}", note, settings.Count), reporter);
        return 0;
    }
}
