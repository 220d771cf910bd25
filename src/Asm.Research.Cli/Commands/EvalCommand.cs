using System.Text.Json;
using Asm.Research.Cli.Output;
using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Reports;
using Asm.Research.Training;
using Asm.Research.Training.Checkpoints;

namespace Asm.Research.Cli.Commands;

/// <summary><c>asm eval</c>: scores a checkpoint's predictor on a dataset's test split (or every image).</summary>
public static class EvalCommand
{
    public const string Help = """
        asm eval --checkpoint DIR [--data DIR|synthetic] [--all] [--set data.key=value|evaluation.key=value ...] [--threads N] [--report FILE.html] [--json]
          Loads the checkpoint (a run's folder or its checkpoint/ folder), and scores its predictor at
          model resolution and at each mask's own resolution. --all makes every image a test image.
          The working size and model come from the checkpoint's config; only data.* and evaluation.* (metric options) keys may be --set.
          --report: also writes one self-contained HTML page (the checkpoint's config and training curves, the
          scores, the test images it gets most wrong with error maps). Replaces only a page the kit wrote.
        """;

    public static int Run(IReadOnlyList<string> argv, CancellationToken cancellationToken)
    {
        var args = CommandArguments.Parse("eval", argv, new HashSet<string>(["--checkpoint", "--data", "--set", "--threads", "--report"]),
            new HashSet<string>(["--json", "--all"]));
        string checkpoint = args.Value("--checkpoint") ?? throw new UsageException("eval: --checkpoint DIR is required");
        var reporter = new Reporter(args.Flag("--json"));

        var manifest = Checkpoint.ReadManifest(checkpoint);
        var saved = manifest.Config;
        var requested = ConfigOverrides.Apply(saved, args.Values("--set"));
        // The model was built for the checkpoint's working size: another data.size cannot be scored.
        var changed = Checkpoint.Differences(saved, requested)
            .Where(d => !(d.StartsWith("data.", StringComparison.Ordinal) || d.StartsWith("evaluation.", StringComparison.Ordinal))
                        || d.StartsWith("data.size:", StringComparison.Ordinal)).ToList();
        if (changed.Count > 0)
            throw new UsageException($"eval: only data.* keys other than data.size (the size and model come from the checkpoint) and evaluation.* keys can be --set on a checkpoint; {string.Join("; ", changed)}");
        var config = requested with
        {
            Data = requested.Data with { Source = args.Value("--data") ?? requested.Data.Source, AllTest = args.Flag("--all") || requested.Data.AllTest },
            Training = requested.Training with { Threads = CommonOptions.Threads(args) },
        };

        CommonOptions.Validate(config);
        var report = ReportFile.From(args.Value("--report"));
        var data = DataSources.Load(config.Data, new Progress<string>(reporter.Info), cancellationToken);
        if (data.Test.Count == 0)
            throw new DataException($"{data.Description}: no test images to evaluate on; pass --all to score every image, " +
                                    "or lower --set data.trainCount", config.Data.Source);
        using var experiment = Checkpoint.Load(checkpoint);
        ComputeDevice.Prepare(config.Training); // this command's --threads, not the training run's
        var evaluation = Evaluator.Evaluate(experiment.Predictor, data.Test, config.Data, experiment.Device,
            config.Training.BatchSize, originalResolution: true, cancellationToken, config.Evaluation.ToMetricOptions());

        if (report is not null)
        {
            var result = new RunResult
            {
                Method = saved.Method, Seed = saved.Training.Seed, Test = evaluation.Model, TestOriginal = evaluation.Original,
                TrainSeconds = manifest.History.TrainSeconds, Epochs = manifest.Epoch, Size = saved.Data.Size,
                Data = data.Description, Checkpoint = Checkpoint.Resolve(checkpoint), Config = saved,
            };
            string name = $"{saved.Method} seed {saved.Training.Seed}";
            var predictions = new TestPredictions(data.Test, new Dictionary<string, float[][]> { [name] = experiment.Predict(data.Test, cancellationToken) });
            report.Write(RunReport.Build($"asm eval: {name} after {manifest.Epoch} epochs", [new ReportedRun(saved.Method, result, manifest.History)],
                predictions, $"asm eval {string.Join(' ', argv)}"), reporter);
        }
        if (reporter.Json)
        {
            var json = new Dictionary<string, object>
            {
                ["method"] = saved.Method,
                ["seed"] = saved.Training.Seed,
                ["test"] = evaluation.Model,
                ["test_original"] = evaluation.Original,
                ["data"] = data.Description,
                ["checkpoint"] = Checkpoint.Resolve(checkpoint),
            };
            Console.WriteLine(JsonSerializer.Serialize(json, RunResult.Json));
        }
        else
            ResultTable.Scores($"{saved.Method}, seed {saved.Training.Seed}, after {manifest.Epoch} epochs, on {data.Description}", evaluation.Model, evaluation.Original);
        return 0;
    }
}
