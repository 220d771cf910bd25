using System.Text.Json;
using Asm.Research.Cli.Output;
using Asm.Research.Configuration;
using Asm.Research.Sweeps;
using Asm.Research.Training;
using Asm.Research.Training.Methods;
using Spectre.Console.Cli;
using System.ComponentModel;

namespace Asm.Research.Cli.Commands;

/// <summary>
/// <c>asm summarize</c>: tabulates saved run records without retraining — seeds that ran in separate
/// processes, on other machines, or as a sweep's scheduler tasks — into one mean ± std table per setting.
/// </summary>
[Description("""
    Tabulates saved run records (mean ± std per setting) without retraining.
    Reads every complete result.json under DIR (or under a sweep file's root) and prints mean ±
    sample std over seeds per setting. A setting is the record's config without its seed, threads
    and device (records from several machines pool); records without a config (older kits) are
    grouped by method, size, epochs and data, and said to be legacy. Only files named result.json
    count; malformed or incomplete ones are listed as skipped; symbolic links are never followed.
    Also counts the runs that are partial, failed or (for a sweep file) pending. Rows in the registry's method order
    (bce, cgan, asm, asm+bce, bce+dice, bce+lovasz, aaf), then by label. --markdown prints a Markdown table; notes go to stderr.
    --json adds each record's scores ("records"), the groups, the skipped files and the run states.
    """)]
public sealed class SummarizeCommand : Command<SummarizeSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, SummarizeSettings settings, CancellationToken cancellationToken)
    {
        string target = settings.Records!;
        SweepFile? sweep = null;
        if (File.Exists(target))
        {
            try
            {
                sweep = SweepFile.Load(target);
            }
            catch (SweepException e)
            {
                throw new UsageException($"--records: {e.Message}");
            }
        }
        else if (!Directory.Exists(target))
            throw new UsageException($"--records: folder '{Path.GetFullPath(target)}' does not exist");
        string folder = sweep?.Root ?? target;
        var scan = RecordScan.Of(folder);
        var states = States(scan, sweep);

        foreach (var (path, reason) in scan.Skipped) Console.Error.WriteLine($"skipped {path}: {reason}");
        string stateLine = string.Join(", ", states.Where(kv => kv.Value > 0).Select(kv => $"{kv.Value} {kv.Key}"));
        if (states.Where(kv => kv.Key != "complete").Any(kv => kv.Value > 0)) Console.Error.WriteLine($"runs: {stateLine}");
        if (scan.Records.Count == 0)
            throw new UsageException($"--records: no complete run records (result.json with a method and test scores) under '{Path.GetFullPath(folder)}'" +
                                     (stateLine.Length > 0 ? $" (runs: {stateLine})" : ""));

        // Baselines first, then the method (bce, cgan, asm, asm+bce), whatever the folders are called.
        var groups = ComparisonSummary.ByConfig(scan.Records).OrderBy(g => MethodRank(g.Method)).ThenBy(g => g.Label, StringComparer.Ordinal).ToList();
        Notes(groups);
        if (settings.Json)
            Console.WriteLine(JsonSerializer.Serialize(Record(groups, scan, states), RunResult.Json));
        else if (settings.Markdown)
            Console.Write(ResultTable.Markdown(groups.Select(g => (g.Label, g.Runs, g.Values)).ToList()));
        else
            ResultTable.Summary(groups.Select(g => (g.Label, (IReadOnlyList<RunResult>)g.Members.Select(m => m.Run).ToList())).ToList());
        return 0;
    }

    // From the sweep file, every run has a state (pending even without a folder); from a folder, the folders found.
    private static Dictionary<string, int> States(RecordScan scan, SweepFile? sweep)
    {
        var states = sweep is not null
            ? sweep.Runs.Select(r => Directory.Exists(r.Folder) ? RunFolder.State(r.Folder) : RunState.Pending)
            : scan.Unfinished.Select(u => u.State).Concat(scan.Records.Select(_ => new RunState(RunStateKind.Complete)));
        return SweepListCommand.Counts(states);
    }

    private static void Notes(IReadOnlyList<RunGroup> groups)
    {
        int legacy = groups.Where(g => g.Legacy).Sum(g => g.Runs);
        if (legacy > 0)
            Console.Error.WriteLine($"{legacy} legacy record(s) without a config (written by an older kit): grouped by method, size, epochs and data");
        foreach (var group in groups)
        {
            if (group.Environments.Count > 1)
                Console.Error.WriteLine($"{group.Label}: pools records from {group.Environments.Count} environments: {string.Join(" | ", group.Environments)}");
            var repeated = group.Seeds.GroupBy(s => s).Where(s => s.Count() > 1).Select(s => s.Key).ToList();
            if (repeated.Count > 0)
                Console.Error.WriteLine($"{group.Label}: seed(s) {string.Join(", ", repeated)} appear in more than one record: " +
                                        string.Join(", ", group.Members.Where(m => repeated.Contains(m.Run.Seed)).Select(m => m.Path)));
        }
    }

    private static Dictionary<string, object> Record(IReadOnlyList<RunGroup> groups, RecordScan scan, Dictionary<string, int> states) => new()
    {
        ["runs"] = scan.Records.Count,
        ["summary"] = groups.ToDictionary(g => g.Label, g => g.Values),
        ["seeds"] = groups.ToDictionary(g => g.Label, g => g.Runs),
        ["groups"] = groups.Select(g => new Dictionary<string, object>
        {
            ["label"] = g.Label, ["method"] = g.Method, ["legacy"] = g.Legacy, ["runs"] = g.Runs, ["seeds"] = g.Seeds, ["environments"] = g.Environments,
        }).ToList(),
        ["records"] = groups.SelectMany(g => g.Members.Select(m => Row(g.Label, m.Path, m.Run))).ToList(),
        ["states"] = states,
        ["skipped"] = scan.Skipped.Select(s => new Dictionary<string, string> { ["path"] = s.Path, ["reason"] = s.Reason }).ToList(),
    };

    private static Dictionary<string, object?> Row(string label, string path, RunResult run)
    {
        var row = new Dictionary<string, object?> { ["label"] = label, ["path"] = path, ["sweep_run"] = run.SweepRun, ["method"] = run.Method, ["seed"] = run.Seed };
        foreach (var key in ComparisonSummary.KeysOf(run)) row[key] = ComparisonSummary.Value(run, key);
        return row;
    }

    private static int MethodRank(string method) => MethodRegistry.Rank(method);
}
