using System.ComponentModel;
using System.Text.Json;
using Asm.Research.Cli.Output;
using Asm.Research.Data;
using Asm.Research.Reports;
using Asm.Research.Training;
using Asm.Research.Training.Output;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Commands;

/// <summary><c>asm train</c>: trains one method with one seed, checkpointing every epoch.</summary>
[Description("""
    Trains one method with one seed, checkpointing every epoch.
    Trains S with the method on the training split, evaluates on the test split, and writes
    DIR/checkpoint/ (after every epoch) and DIR/result.json (at the end). DIR must be new or
    empty; --resume continues from DIR's last complete checkpoint (its config must match; none:
    starts from scratch), --force replaces the kit's files in DIR and keeps every other file.
    --init-from starts S from another run's final predictor (a run or checkpoint folder, or a .pt
    from asm export) instead of random weights; it is recorded as training.initFrom in the config.
    --report: also one self-contained HTML page (config, loss curves, per-epoch test IoU, scores, the
    test images S gets most wrong with error maps) that opens offline; on multi-class data also the
    per-class scores, the confusion heat map and the test images in the classes' colours.
    """)]
public sealed class TrainCommand : Command<TrainSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, TrainSettings settings, CancellationToken cancellationToken)
    {
        var config = settings.BuildConfig(settings.MethodToRun());
        string output = settings.Out ?? Path.Combine("runs", $"{config.Method}-seed{config.Training.Seed}");
        var reporter = new Reporter(settings.Json);
        // Checked before the data is decoded, so a bad --out costs nothing; checked again (and acted on) by the runner.
        OutputFolder.Plan(output, config, settings.Resume, settings.Force);
        var report = ReportFile.From(settings.Report);

        var data = DataSources.Load(config.Data, new Progress<string>(reporter.Info), cancellationToken);
        reporter.Info($"data: {data.Description}");
        reporter.Info($"task: {data.Task.Describe()}");
        var capture = new RunCapture(data.Test, data.Task);
        RunResult result;
        try
        {
            result = reporter.Track([config.Method], progress => ExperimentRunner.Run(config, data,
                new RunOptions
                {
                    OutputDirectory = output, Resume = settings.Resume, Force = settings.Force, Progress = progress(0),
                    Log = new Progress<string>(reporter.Info),
                    Trained = report is null ? null : capture.For(0, $"{config.Method} seed {config.Training.Seed}", cancellationToken),
                }, cancellationToken));
        }
        catch (NativeFaultException e)
        {
            throw e.WithResume(ResumeCommandLine.ForTrain(context.Arguments, output));
        }
        report?.Write(RunReport.Build($"asm train: {config.Method}, seed {result.Seed}",
            [new ReportedRun(config.Method, result, capture.History(0))], capture.Predictions, $"asm {string.Join(' ', context.Arguments)}"), reporter);

        if (reporter.Json)
            Console.WriteLine(JsonSerializer.Serialize(result, RunResult.Json));
        else
        {
            ResultTable.Scores($"{config.Method}, seed {result.Seed}: {result.TrainSeconds:0} s training, {result.ImagesPerSecond:0.0} images/s", result.Test, result.TestOriginal);
            ResultTable.Classes(result.Test);
            reporter.Info($"checkpoint and result.json in {Path.GetFullPath(output)}");
        }
        return 0;
    }
}
