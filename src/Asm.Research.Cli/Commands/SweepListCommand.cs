using System.ComponentModel;
using System.Text.Json;
using Asm.Research.Cli.Output;
using Asm.Research.Sweeps;
using Asm.Research.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Commands;

/// <summary><c>asm sweep list FILE</c>: every run of a sweep with its folder and state.</summary>
[Description("Lists every run with its folder and state.\nIndex, name, folder and state (pending, partial at epoch E, complete, failed: message; \", running (pid …)\" while a task writes it).")]
public sealed class SweepListCommand : SweepCommand<SweepReportSettings>
{
    /// <inheritdoc/>
    protected override int Run(SweepReportSettings settings, CancellationToken cancellationToken)
    {
        var sweep = SweepFile.Load(settings.File, settings.RootFromCurrentFolder);
        var rows = sweep.Runs.Select(run => (Run: run, State: Directory.Exists(run.Folder) ? RunFolder.State(run.Folder) : RunState.Pending,
            Conflicts: SweepRunner.Conflicts(run))).ToList();
        if (settings.Json)
        {
            var record = new Dictionary<string, object>
            {
                ["sweep"] = sweep.Path,
                ["root"] = sweep.Root,
                ["counts"] = Counts(rows.Select(r => r.State)),
                ["runs"] = rows.Select(r => new Dictionary<string, object?>
                {
                    ["index"] = r.Run.Index,
                    ["name"] = r.Run.Name,
                    ["folder"] = r.Run.Folder,
                    ["state"] = r.State.Kind.ToString().ToLowerInvariant(),
                    ["epoch"] = r.State.Epoch,
                    ["message"] = r.State.Message,
                    ["running"] = r.State.HeldBy,
                    ["conflicts"] = r.Conflicts,
                }).ToList(),
            };
            Console.WriteLine(JsonSerializer.Serialize(record, RunResult.Json));
            return 0;
        }
        var table = new Table().Title(TerminalText.Markup($"{sweep.Name}: {sweep.Runs.Count} run(s) under {sweep.Root}"))
            .AddColumn("index").AddColumn("name").AddColumn("folder").AddColumn("state");
        foreach (var (run, state, conflicts) in rows)
            table.AddRow(run.Index.ToString(), TerminalText.Markup(run.Name), TerminalText.Markup(Path.GetRelativePath(sweep.Root, run.Folder)),
                TerminalText.Markup(conflicts.Count > 0 ? $"{state}; the folder holds another config: {string.Join("; ", conflicts)}" : state.ToString()));
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200);
        AnsiConsole.Write(table);
        Console.WriteLine(string.Join(", ", Counts(rows.Select(r => r.State)).Select(kv => $"{kv.Value} {kv.Key}")));
        return 0;
    }

    /// <summary>Runs per state, every state listed (0 where none).</summary>
    internal static Dictionary<string, int> Counts(IEnumerable<RunState> states)
    {
        var counts = Enum.GetValues<RunStateKind>().ToDictionary(k => k.ToString().ToLowerInvariant(), _ => 0);
        foreach (var state in states) counts[state.Kind.ToString().ToLowerInvariant()]++;
        return counts;
    }
}
