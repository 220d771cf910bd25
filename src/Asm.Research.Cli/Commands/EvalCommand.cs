using System.ComponentModel;
using System.Text.Json;
using Asm.Research.Cli.Output;
using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Reports;
using Asm.Research.Training;
using Asm.Research.Training.Checkpoints;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Commands;

/// <summary><c>asm eval</c>: scores a checkpoint's predictor on a dataset's test split (or every image).</summary>
[Description("""
    Scores a checkpoint's predictor on a dataset's test split (or every image).
    Loads the checkpoint (a run's folder or its checkpoint/ folder), and scores its predictor at
    model resolution and at each mask's own resolution. --all makes every image a test image.
    The working size and model come from the checkpoint's config; only data.* and evaluation.* (metric options) keys may be --set.
    """)]
public sealed class EvalCommand : Command<EvalSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, EvalSettings settings, CancellationToken cancellationToken)
    {
        string checkpoint = settings.Checkpoint!;
        var reporter = new Reporter(settings.Json);

        var manifest = Checkpoint.ReadManifest(checkpoint);
        var saved = manifest.Config;
        var requested = ConfigOverrides.Apply(saved, settings.Set);
        // The model was built for the checkpoint's working size: another data.size cannot be scored.
        var changed = Checkpoint.Differences(saved, requested)
            .Where(d => !(d.StartsWith("data.", StringComparison.Ordinal) || d.StartsWith("evaluation.", StringComparison.Ordinal))
                        || d.StartsWith("data.size:", StringComparison.Ordinal)).ToList();
        if (changed.Count > 0)
            throw new UsageException($"eval: only data.* keys other than data.size (the size and model come from the checkpoint) and evaluation.* keys can be --set on a checkpoint; {string.Join("; ", changed)}");
        var config = requested with
        {
            Data = requested.Data with { Source = settings.Data ?? requested.Data.Source, AllTest = settings.All || requested.Data.AllTest },
            Training = requested.Training with { Threads = settings.ThreadCount() },
        };

        CommonOptions.Validate(config);
        // The data's classes are read before anything is decoded: a checkpoint scores only data of its own classes.
        var task = Asm.Research.Data.Catalog.DatasetCatalog.TaskOf(config.Data);
        if (!task.SameAs(saved.Task))
            throw new DataException(
                $"{checkpoint}: its predictor was trained for {saved.Task.Describe()}, but {config.Data.Source} is labelled for " +
                $"{task.Describe()}; a checkpoint scores only data of its own classes", config.Data.Source);
        var report = ReportFile.From(settings.Report);
        var data = DataSources.Load(config.Data, new Progress<string>(reporter.Info), cancellationToken);
        if (data.Test.Count == 0)
            throw new DataException($"{data.Description}: no test images to evaluate on; pass --all to score every image, " +
                                    "or lower --set data.trainCount", config.Data.Source);
        using var experiment = Checkpoint.Load(checkpoint);
        ComputeDevice.Prepare(config.Training); // this command's --threads, not the training run's
        var evaluation = Evaluator.Evaluate(experiment.Predictor, data.Test, config.Data, experiment.Device,
            config.Training.BatchSize, originalResolution: true, cancellationToken, config.Evaluation.ToMetricOptions(), saved.Task);

        if (report is not null)
        {
            var result = new RunResult
            {
                Method = saved.Method, Seed = saved.Training.Seed, Test = evaluation.Model, TestOriginal = evaluation.Original,
                TrainSeconds = manifest.History.TrainSeconds, Epochs = manifest.Epoch, Size = saved.Data.Size,
                Data = data.Description, Checkpoint = Checkpoint.Resolve(checkpoint), Config = saved,
            };
            string name = $"{saved.Method} seed {saved.Training.Seed}";
            var predictions = new TestPredictionsBuilder(data.Test, saved.Task).Add(name, experiment, cancellationToken).Build();
            report.Write(RunReport.Build($"asm eval: {name} after {manifest.Epoch} epochs", [new ReportedRun(saved.Method, result, manifest.History)],
                predictions, $"asm {string.Join(' ', context.Arguments)}"), reporter);
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
        {
            ResultTable.Scores($"{saved.Method}, seed {saved.Training.Seed}, after {manifest.Epoch} epochs, on {data.Description}", evaluation.Model, evaluation.Original);
            ResultTable.Classes(evaluation.Model);
        }
        return 0;
    }
}
