using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Training;

namespace Asm.Research.Sweeps;

/// <summary>
/// Runs sweep runs into their folders safely: one writer per folder (<see cref="RunLock"/>), a folder
/// holding another config refused, a complete run never retrained or overwritten, an interrupted
/// run resumed from its last checkpoint, and a failure's message kept in <c>failed.json</c>.
/// </summary>
/// <param name="loadData">Loads the dataset a run's data config asks for.</param>
/// <param name="log">Receives one line per decision (resumed, already complete, …).</param>
public sealed class SweepRunner(Func<DataConfig, SegmentationDataset> loadData, IProgress<string>? log = null)
{
    /// <summary>
    /// The keys in which <paramref name="run"/>'s folder holds another config than the sweep file gives
    /// (empty when the folder is fresh or matches).
    /// </summary>
    public static IReadOnlyList<string> Conflicts(SweepRun run) =>
        Directory.Exists(run.Folder) && RunFolder.StoredConfig(run.Folder) is { } stored
            ? ConfigKeys.Differences(stored, run.Config, "in the folder", "in the sweep file")
            : [];

    /// <summary>
    /// Trains <paramref name="run"/> into its folder, or resumes it, or (complete) leaves it alone.
    /// <paramref name="threads"/> (null: the config's) is an environment choice, not part of the run's identity;
    /// a resumed run keeps the thread count and device its checkpoint was made with.
    /// </summary>
    /// <exception cref="SweepException">Another task holds the folder, or it holds another config; the message names the run.</exception>
    public SweepRunOutcome Run(SweepRun run, int? threads, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using var held = RunLock.Acquire(run.Folder, run.Name);
        var conflicts = Conflicts(run);
        if (conflicts.Count > 0)
            throw new SweepException($"run {run.Index} '{run.Name}': {run.Folder} holds a run of another config ({string.Join("; ", conflicts)}). " +
                                     "The sweep file changed since it started: restore it, or move that folder away to train the new config.");
        string resultFile = Path.Combine(run.Folder, ExperimentRunner.ResultFile);
        if (RunResult.TryRead(resultFile, out _) is { } done)
        {
            log?.Report($"run {run.Index} '{run.Name}' is complete; not retrained ({resultFile})");
            return new SweepRunOutcome(run, AlreadyComplete: true, done.Epochs, done);
        }

        RunFolder.Recover(run.Folder);
        if (RunFolder.ReadDescriptor(run.Folder) is null)
            RunFolder.WriteDescriptor(run.Folder, new RunDescriptor { Name = run.Name, Config = run.Config });
        RunFolder.ClearFailure(run.Folder);

        var config = threads is int t ? run.Config with { Training = run.Config.Training with { Threads = t } } : run.Config;
        int resumedFrom = 0;
        if (RunFolder.Manifest(run.Folder) is { } manifest)
        {
            resumedFrom = manifest.Epoch;
            // The checkpoint is refused on any config difference, so keep the environment it was made with.
            var saved = manifest.Config.Training;
            if (saved.Threads != config.Training.Threads || saved.Device != config.Training.Device)
                log?.Report($"run {run.Index} '{run.Name}': resuming with the {saved.Threads} thread(s) and device {saved.Device} it started with");
            config = config with { Training = config.Training with { Threads = saved.Threads, Device = saved.Device } };
            log?.Report($"run {run.Index} '{run.Name}': resuming after epoch {manifest.Epoch} of {config.Training.Epochs}");
        }
        else
            log?.Report($"run {run.Index} '{run.Name}': starting in {run.Folder}");

        RunResult result;
        try
        {
            var data = loadData(config.Data);
            result = ExperimentRunner.Run(config, data, new RunOptions { OutputDirectory = run.Folder, Resume = true, SweepRun = run.Name, Progress = progress }, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw; // stopped on purpose: the checkpoint stays, no failure to report
        }
        catch (Exception e)
        {
            RunFolder.WriteFailure(run.Folder, new RunFailure { Message = e.Message, Error = e.GetType().Name });
            throw;
        }
        return new SweepRunOutcome(run, AlreadyComplete: false, resumedFrom, result);
    }
}
