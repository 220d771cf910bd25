using System.Diagnostics;
using System.Text.Json;
using Asm.Research.Sweeps;
using Asm.Research.Tests.Cli;

namespace Asm.Research.Tests.Sweeps;

/// <summary>
/// A 4-run sweep through a real (single-node) Slurm: the script <c>asm sweep slurm</c> prints is
/// submitted, one task is requeued while it trains, and the records must equal those of the same
/// runs made with <c>asm sweep run --all</c> on one machine.
/// </summary>
[Trait("Category", "Slurm")]
public sealed class SlurmSweepTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);
    // Long enough epochs (96 images) that a task can be requeued between its first checkpoint and its end.
    private static readonly string[] Longer = ["data.syntheticTrain=96"];
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"asm-slurm-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [SlurmFact]
    public void A_slurm_array_with_a_requeued_task_gives_the_records_of_the_same_runs_on_one_machine()
    {
        Directory.CreateDirectory(_dir);
        string onSlurm = TinySweep.Write(_dir, "slurm-runs", file: "slurm.json", extraSets: Longer);
        string local = TinySweep.Write(_dir, "local-runs", file: "local.json", extraSets: Longer);
        var sweep = SweepFile.Load(onSlurm);
        Assert.Equal(4, sweep.Runs.Count);

        var printed = CliProcess.Run("sweep", "slurm", onSlurm, "--cpus", "1", "--parallel", "2");
        Assert.True(printed.ExitCode == 0, printed.Stderr);
        string script = Path.Combine(_dir, "sweep.sbatch");
        File.WriteAllText(script, printed.Stdout);
        string job = Shell("sbatch", "--parsable", script).Trim().Split(';')[0];

        // Requeue the last run's task once it has a checkpoint and is still training.
        var requeued = sweep.Runs[3];
        var deadline = DateTime.UtcNow + Limit;
        while (RunFolder.State(requeued.Folder).Kind != RunStateKind.Partial)
        {
            Assert.True(DateTime.UtcNow < deadline, $"run 3 never reached a checkpoint.\n{Diagnostics(job, sweep)}");
            Thread.Sleep(50);
        }
        Shell("scontrol", "requeue", $"{job}_3");

        while (Shell("squeue", "-h", "-j", job, "-o", "%i %T %r").Trim().Length > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the array job {job} did not finish within {Limit.TotalMinutes} minutes.\n{Diagnostics(job, sweep)}");
            Thread.Sleep(1000);
        }
        string log = File.ReadAllText(Path.Combine(sweep.Root, SlurmScript.LogFolder, $"{job}_3.out"));
        Assert.Contains("attempt 2", log);
        Assert.Contains("resuming after epoch 1", log);

        var fromSlurm = Records(onSlurm);
        Assert.True(fromSlurm.GetProperty("states").GetProperty("complete").GetInt32() == 4, $"{fromSlurm}\n{Diagnostics(job, sweep)}");
        var all = CliProcess.Run("sweep", "run", local, "--all", "--threads", "1");
        Assert.True(all.ExitCode == 0, all.Stderr);
        var oneMachine = Records(local);

        var expected = ByRun(oneMachine);
        var actual = ByRun(fromSlurm);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        Assert.Equal(4, actual.Count);
        foreach (var (name, scores) in expected)
            Assert.Equal(scores, actual[name]);
    }

    private static JsonElement Records(string sweepFile)
    {
        var result = CliProcess.Run("summarize", "--records", sweepFile, "--json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonDocument.Parse(result.LastLine).RootElement.Clone();
    }

    // Every score of every record by its sweep run's name (train seconds aside: time is not a result).
    private static Dictionary<string, string> ByRun(JsonElement summary) =>
        summary.GetProperty("records").EnumerateArray().ToDictionary(
            r => r.GetProperty("sweep_run").GetString()!,
            r => string.Join(", ", r.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number && p.Name is not ("train_seconds" or "seed"))
                .Select(p => $"{p.Name}={p.Value.GetDouble():R}")));

    private static string Diagnostics(string job, SweepFile sweep)
    {
        string logs = string.Join("\n", Directory.Exists(Path.Combine(sweep.Root, SlurmScript.LogFolder))
            ? Directory.EnumerateFiles(Path.Combine(sweep.Root, SlurmScript.LogFolder)).Select(f => $"--- {f}\n{Tail(File.ReadAllText(f))}") : []);
        return $"squeue:\n{Shell("squeue", "-a")}\nscontrol show job {job}:\n{Shell("scontrol", "show", "job", job)}\nsinfo:\n{Shell("sinfo")}\nlogs:\n{logs}";
    }

    private static string Tail(string text) => text.Length > 2000 ? text[^2000..] : text;

    private static string Shell(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30))) process.Kill();
        return process.ExitCode == 0 ? stdout.Result : $"{command} {string.Join(' ', args)} exited {process.ExitCode}: {stderr.Result}{stdout.Result}";
    }
}
