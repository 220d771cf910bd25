using System.ComponentModel;
using System.Text.Json;
using Asm.Research.Cli.Output;
using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Sweeps;
using Asm.Research.Training;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Commands;

/// <summary><c>asm sweep run FILE --index I | --all</c>: runs sweep runs into their folders, safely.</summary>
[Description("""
    Trains one run (or every unfinished one) into its folder, safely.
    Runs run I into its folder: resumes from its checkpoint, does nothing when it is complete,
    refuses (exit 2) when another task holds the folder or the folder holds another config.
    """)]
public sealed class SweepRunCommand : SweepCommand<SweepRunSettings>
{
    /// <inheritdoc/>
    protected override int Run(SweepRunSettings settings, CancellationToken cancellationToken)
    {
        string file = settings.File;
        var sweep = SweepFile.Load(file, settings.RootFromCurrentFolder);
        if (sweep.Runs.Count == 0) throw new UsageException($"{sweep.Path}: the sweep has no runs");
        bool all = settings.All;
        // Batch logs (Slurm, kubectl logs) get plain lines, not a progress bar.
        var reporter = new Reporter(settings.Json || Console.IsOutputRedirected);
        int? threads = settings.Threads;

        List<SweepRun> runs;
        if (all)
        {
            var conflicting = sweep.Runs.Select(r => (Run: r, Keys: SweepRunner.Conflicts(r))).Where(c => c.Keys.Count > 0).ToList();
            if (conflicting.Count > 0)
                throw new UsageException($"{sweep.Path}: {conflicting.Count} run folder(s) hold another config; nothing was run. " +
                    string.Join(" ", conflicting.Select(c => $"Run {c.Run.Index} '{c.Run.Name}' ({c.Run.Folder}): {string.Join("; ", c.Keys)}.")));
            var states = sweep.Runs.Select(r => (Run: r, State: Directory.Exists(r.Folder) ? RunFolder.State(r.Folder) : RunState.Pending)).ToList();
            foreach (var failed in states.Where(s => s.State.Kind == RunStateKind.Failed && s.State.HeldBy is null))
                reporter.Info($"run {failed.Run.Index} '{failed.Run.Name}' is {failed.State}; skipped (retry it with: asm sweep run {file} --index {failed.Run.Index})");
            foreach (var held in states.Where(s => s.State.Kind != RunStateKind.Complete && s.State.HeldBy is not null))
                reporter.Info($"run {held.Run.Index} '{held.Run.Name}' is being written by another task ({held.State.HeldBy}); skipped");
            runs = states.Where(s => s.State.Kind is RunStateKind.Pending or RunStateKind.Partial && s.State.HeldBy is null).Select(s => s.Run).ToList();
            reporter.Info($"{sweep.Name}: {runs.Count} of {sweep.Runs.Count} run(s) to train ({states.Count(s => s.State.Kind == RunStateKind.Complete)} complete)");
        }
        else
            runs = [sweep.Run(SweepIndex.Resolve(settings.Index, Environment.GetEnvironmentVariable, sweep.Runs.Count))];

        (DataConfig Config, SegmentationDataset Data)? cached = null;
        SegmentationDataset Load(DataConfig config)
        {
            if (cached is not { } c || c.Config != config)
                cached = (config, DataSources.Load(config, new Progress<string>(reporter.Info), cancellationToken));
            return cached.Value.Data;
        }
        var runner = new SweepRunner(Load, new Progress<string>(reporter.Info));

        var outcomes = new List<SweepRunOutcome>();
        var failures = new List<string>();
        foreach (var run in runs)
        {
            try
            {
                var outcome = reporter.Track([run.Name], progress => runner.Run(run, threads, progress(0), cancellationToken));
                outcomes.Add(outcome);
                if (!outcome.AlreadyComplete)
                    reporter.Info($"run {run.Index} '{run.Name}' complete: {outcome.Result.Test.HeadlineName} {outcome.Result.Test.Headline:0.0000}, boundary F {outcome.Result.Test.BoundaryF:0.0000} ({run.Folder})");
            }
            catch (NativeFaultException e) when (!all)
            {
                throw e.WithResume(ResumeCommandLine.ForSweepRun(file, run.Index));
            }
            catch (SweepException e) when (all && e.HeldByAnotherTask)
            {
                // Taken by another `sweep run --all` since the states were read: that task trains it.
                reporter.Info($"run {run.Index} '{run.Name}' skipped: {e.Message}");
            }
            catch (Exception e) when (all && e is not (OperationCanceledException or SweepException))
            {
                // One run's failure (a NaN loss, a bad data folder) is kept in its folder; the others go on.
                failures.Add($"run {run.Index} '{run.Name}': {e.Message}");
                reporter.Info($"run {run.Index} '{run.Name}' failed: {e.Message}");
            }
        }

        if (reporter.Json && settings.Json)
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["runs"] = outcomes.Select(o => new Dictionary<string, object>
                {
                    ["index"] = o.Run.Index,
                    ["name"] = o.Run.Name,
                    ["folder"] = o.Run.Folder,
                    ["already_complete"] = o.AlreadyComplete,
                    ["resumed_from_epoch"] = o.ResumedFromEpoch,
                    ["result"] = o.Result,
                }).ToList(),
                ["failed"] = failures,
            }, RunResult.Json));
        if (failures.Count == 0) return 0;
        Console.Error.WriteLine(TerminalText.Plain($"asm: {failures.Count} run(s) failed (their messages are in failed.json in each folder): {string.Join("; ", failures)}"));
        return 1;
    }
}
