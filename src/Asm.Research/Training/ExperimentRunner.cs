using System.Runtime.InteropServices;
using System.Text.Json;
using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Training.Checkpoints;
using Asm.Research.Training.Output;
using Asm.Research.Platform;

namespace Asm.Research.Training;

/// <summary>How <see cref="ExperimentRunner.Run"/> reports and where it writes.</summary>
public sealed record RunOptions
{
    /// <summary>Folder for the checkpoint (<c>checkpoint/</c>) and <c>result.json</c>; null writes nothing.</summary>
    public string? OutputDirectory { get; init; }
    /// <summary>
    /// Continue from the last complete checkpoint in <see cref="OutputDirectory"/> if there is one
    /// (its config must match); without one the run starts from scratch and says so.
    /// </summary>
    public bool Resume { get; init; }
    /// <summary>
    /// Use an <see cref="OutputDirectory"/> that already holds a run or other files: the kit's own
    /// files there are replaced, everything else is kept. Without it (and without
    /// <see cref="Resume"/>) the folder must be new or empty.
    /// </summary>
    public bool Force { get; init; }
    /// <summary>The sweep run's name, recorded in <c>result.json</c> (null outside a sweep).</summary>
    public string? SweepRun { get; init; }
    /// <summary>Receives one-line notes such as what is done with the output folder.</summary>
    public IProgress<string>? Log { get; init; }
    /// <summary>Receives a report after every step.</summary>
    public IProgress<TrainingProgress>? Progress { get; init; }
    /// <summary>More observers of the loop.</summary>
    public IReadOnlyList<ITrainingCallback> Callbacks { get; init; } = [];
    /// <summary>
    /// Called with the trained experiment after its final evaluation, before it is disposed
    /// (e.g. to keep its test predictions for a report).
    /// </summary>
    public Action<Experiment>? Trained { get; init; }
}

/// <summary>Trains one configured run end to end and records its result: what <c>asm train</c> and <c>asm compare</c> do per run.</summary>
public static class ExperimentRunner
{
    /// <summary>The result file's name in a run's output folder.</summary>
    public const string ResultFile = "result.json";

    /// <summary>
    /// The per-epoch history's file name beside <see cref="ResultFile"/> (the checkpoint's history without its
    /// per-step losses): what a report or figure of the finished run reads.
    /// </summary>
    public const string EpochsFile = "epochs.json";

    /// <summary>
    /// Trains (or resumes) <paramref name="config"/> on <paramref name="data"/>, evaluates S on the
    /// test split at both resolutions and, with an output folder, writes the checkpoint after each
    /// epoch and <c>epochs.json</c> and <c>result.json</c> at the end (never before the run is complete). The config, the
    /// memory it needs and the output folder are all checked before anything is trained or changed.
    /// </summary>
    /// <exception cref="ConfigException">A value out of <see cref="ConfigBounds"/>, or a run that cannot fit in memory.</exception>
    /// <exception cref="OutputFolderException">The output folder cannot be used as asked.</exception>
    /// <exception cref="CheckpointException">The checkpoint to resume is corrupt or from another config.</exception>
    public static RunResult Run(ExperimentConfig config, SegmentationDataset data, RunOptions options, CancellationToken cancellationToken = default)
    {
        // The task belongs to the data: the run records the data's (a method for the other kind of task is refused here).
        config = config.WithTask(data.Task);
        ConfigBounds.Validate(config);
        MemoryEstimate.EnsureFits(config);
        if (data.Test.Count == 0)
            throw new DataException($"{data.Description}: no test images to evaluate on");
        // Everything is checked before anything in the folder changes: a refused run deletes nothing.
        var plan = options.OutputDirectory is null ? null : OutputFolder.Plan(options.OutputDirectory, config, options.Resume, options.Force);
        string? checkpointDir = plan?.CheckpointDirectory;
        if (plan is not null)
        {
            options.Log?.Report(plan.Message);
            // Removes a stale result.json too: it must not stand beside a run that has not finished.
            OutputFolder.Apply(plan);
        }

        using var experiment = plan?.ResumeFrom is not null
            ? Checkpoint.Load(plan.CheckpointDirectory, expected: config)
            : Experiment.Create(config);
        var callbacks = new List<ITrainingCallback>();
        if (options.Progress is not null) callbacks.Add(new ProgressCallback(options.Progress));
        if (checkpointDir is not null) callbacks.Add(new CheckpointCallback(checkpointDir));
        callbacks.AddRange(options.Callbacks);

        EvaluationResult evaluation;
        try
        {
            new Trainer(callbacks).Fit(experiment, data, cancellationToken);
            evaluation = experiment.Evaluate(data.Test, originalResolution: true, cancellationToken);
        }
        catch (ExternalException e)
        {
            // A libtorch failure is not the user's input: say how far the run got, so it can be resumed, not its stack.
            int done = experiment.History.CompletedEpochs;
            string kept = checkpointDir is null ? "" : $", its checkpoint kept in {checkpointDir}";
            throw new NativeFaultException(
                $"libtorch failed during training ({e.Message.Split('\n')[0].Trim()}); the last complete epoch is {done} of {config.Training.Epochs}{kept}",
                done, e);
        }
        var history = experiment.History;
        var result = new RunResult
        {
            Method = config.Method,
            Seed = config.Training.Seed,
            Test = evaluation.Model,
            TestOriginal = evaluation.Original,
            TrainSeconds = history.TrainSeconds,
            ImagesPerSecond = history.Epochs.Sum(e => e.ImagesPerSecond * e.Seconds) / Math.Max(history.TrainSeconds, 1e-9),
            Epochs = history.CompletedEpochs,
            Size = config.Data.Size,
            Data = data.Description,
            Checkpoint = checkpointDir,
        }.WithProvenance(config, options.SweepRun);
        options.Trained?.Invoke(experiment);
        if (options.OutputDirectory is not null)
        {
            // result.json last: its presence says the run is complete.
            WriteAtomically(Path.Combine(options.OutputDirectory, EpochsFile), JsonSerializer.Serialize(history.Epochs, ConfigJson.Options));
            WriteAtomically(Path.Combine(options.OutputDirectory, ResultFile), JsonSerializer.Serialize(result, ConfigJson.Options));
        }
        return result;
    }

    /// <summary>Writes a text file whole or not at all (<see cref="AtomicFile.WriteAllText"/>).</summary>
    public static void WriteAtomically(string path, string text) => AtomicFile.WriteAllText(path, text);
}
