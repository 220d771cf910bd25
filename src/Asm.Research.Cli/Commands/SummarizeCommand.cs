using System.Text.Json;
using Asm.Research.Cli.Output;
using Asm.Research.Configuration;
using Asm.Research.Data.Tasks;
using Asm.Research.Reports;
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
    (bce, cgan, asm, asm+bce, bce+dice, bce+lovasz, aaf), then by label. Records of different tasks (figure-ground,
    camvid, …) are never pooled: one table per task, each with its task's scores; --task NAME keeps one.
    --markdown prints Markdown tables; notes go to stderr.
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
        if (settings.Task is { } only)
        {
            var tasks = scan.Records.Select(r => TaskName(r.Run)).Distinct().Order(StringComparer.Ordinal).ToList();
            scan = scan with { Records = scan.Records.Where(r => string.Equals(TaskName(r.Run), only, StringComparison.OrdinalIgnoreCase)).ToList() };
            if (scan.Records.Count == 0)
                throw new UsageException($"--task {only}: no records of that task under '{Path.GetFullPath(folder)}' (tasks found: {(tasks.Count > 0 ? string.Join(", ", tasks) : "none")})");
        }
        var states = States(scan, sweep);

        foreach (var (path, reason) in scan.Skipped) Console.Error.WriteLine($"skipped {path}: {reason}");
        string stateLine = string.Join(", ", states.Where(kv => kv.Value > 0).Select(kv => $"{kv.Value} {kv.Key}"));
        if (states.Where(kv => kv.Key != "complete").Any(kv => kv.Value > 0)) Console.Error.WriteLine($"runs: {stateLine}");
        if (scan.Records.Count == 0)
            throw new UsageException($"--records: no complete run records (result.json with a method and test scores) under '{Path.GetFullPath(folder)}'" +
                                     (stateLine.Length > 0 ? $" (runs: {stateLine})" : ""));

        // One table per task (their scores differ); in each, baselines first, then by method, whatever the folders are called.
        var byTask = scan.Records.GroupBy(r => TaskName(r.Run)).OrderBy(t => t.Key == SegmentationTask.FigureGround.Name ? 0 : 1).ThenBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => (Task: t.Key, Groups: ComparisonSummary.ByConfig(t.ToList()).OrderBy(g => MethodRank(g.Method)).ThenBy(g => g.Label, StringComparer.Ordinal).ToList()))
            .ToList();
        var groups = byTask.SelectMany(t => t.Groups).ToList();
        Notes(groups);
        bool headed = byTask.Count > 1;
        if (settings.Json)
            Console.WriteLine(JsonSerializer.Serialize(Record(byTask, scan, states), RunResult.Json));
        else
            for (int i = 0; i < byTask.Count; i++)
            {
                var (task, taskGroups) = byTask[i];
                if (settings.Markdown)
                    Console.Write((i > 0 ? "\n" : "") + (headed ? $"Task {TerminalText.Plain(task)}:\n\n" : "") + ResultTable.Markdown(taskGroups.Select(g => (g.Label, g.Runs, g.Values)).ToList()));
                else
                {
                    if (headed) Console.WriteLine($"{(i > 0 ? "\n" : "")}Task {TerminalText.Plain(task)}:");
                    ResultTable.Summary(taskGroups.Select(g => (g.Label, (IReadOnlyList<RunResult>)g.Members.Select(m => m.Run).ToList())).ToList());
                }
                if (settings.Classes && taskGroups[0].Members[0].Run.Test.Classes is not null)
                    foreach (var (title, table) in ClassTablesOf(taskGroups))
                    {
                        if (settings.Markdown) Console.Write($"\n{title}:\n\n{table.Markdown()}");
                        else ResultTable.Write(ResultTable.Cells(title, table.Headers, table.Rows));
                    }
            }
        return 0;
    }

    private static IEnumerable<(string Title, ClassTables.Table Table)> ClassTablesOf(IReadOnlyList<RunGroup> groups)
    {
        yield return ("Per-class IoU at model resolution (mean ± sample std over seeds)", ClassTables.PerClass(groups, ClassTables.ClassScore.Iou));
        yield return ("Per-class boundary F at model resolution", ClassTables.PerClass(groups, ClassTables.ClassScore.BoundaryF));
        yield return ("Confusion pairs at model resolution: share of a class's pixels predicted as the other", ClassTables.ConfusionPairs(groups));
    }

    /// <summary>The task a record was trained for; records of older kits (no config) are all figure-ground.</summary>
    private static string TaskName(RunResult run) => run.Config?.Task?.Name ?? SegmentationTask.FigureGround.Name;

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

    private static Dictionary<string, object> Record(IReadOnlyList<(string Task, List<RunGroup> Groups)> byTask, RecordScan scan, Dictionary<string, int> states) => new()
    {
        ["runs"] = scan.Records.Count,
        ["tasks"] = byTask.Select(t => t.Task).ToList(),
        ["summary"] = byTask.SelectMany(t => t.Groups.Select(g => (Key: Keyed(byTask, t.Task, g.Label), g.Values))).ToDictionary(x => x.Key, x => x.Values),
        ["seeds"] = byTask.SelectMany(t => t.Groups.Select(g => (Key: Keyed(byTask, t.Task, g.Label), g.Runs))).ToDictionary(x => x.Key, x => x.Runs),
        ["groups"] = byTask.SelectMany(t => t.Groups.Select(g => new Dictionary<string, object>
        {
            ["task"] = t.Task, ["label"] = g.Label, ["method"] = g.Method, ["legacy"] = g.Legacy, ["runs"] = g.Runs, ["seeds"] = g.Seeds, ["environments"] = g.Environments,
        })).ToList(),
        ["records"] = byTask.SelectMany(t => t.Groups.SelectMany(g => g.Members.Select(m => Row(g.Label, m.Path, m.Run)))).ToList(),
        ["states"] = states,
        ["skipped"] = scan.Skipped.Select(s => new Dictionary<string, string> { ["path"] = s.Path, ["reason"] = s.Reason }).ToList(),
    };

    // A label is unique within its task; with several tasks, "task: label" keeps two tasks' "ce" apart.
    private static string Keyed(IReadOnlyList<(string Task, List<RunGroup> Groups)> byTask, string task, string label) =>
        byTask.Count > 1 ? $"{task}: {label}" : label;

    private static Dictionary<string, object?> Row(string label, string path, RunResult run)
    {
        var row = new Dictionary<string, object?> { ["label"] = label, ["path"] = path, ["sweep_run"] = run.SweepRun, ["method"] = run.Method, ["seed"] = run.Seed };
        foreach (var key in ComparisonSummary.KeysOf(run)) row[key] = ComparisonSummary.Value(run, key);
        return row;
    }

    private static int MethodRank(string method) => MethodRegistry.Rank(method);
}
