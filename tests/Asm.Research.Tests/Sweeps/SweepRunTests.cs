using System.Diagnostics;
using System.Text.Json;
using Asm.Research.Sweeps;
using Asm.Research.Tests.Cli;

namespace Asm.Research.Tests.Sweeps;

/// <summary>The safety of <c>asm sweep run</c>, through the built CLI as a scheduler's task would run it.</summary>
public sealed class SweepRunTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"asm-sweep-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static JsonElement Json(CliProcess.Result result) => JsonDocument.Parse(result.LastLine).RootElement;

    private static CliProcess.Result Asm(params string[] args) => CliProcess.Run(args);

    private static CliProcess.Result AsmOk(params string[] args)
    {
        var result = CliProcess.Run(args);
        Assert.True(result.ExitCode == 0, $"asm {string.Join(' ', args)} exited {result.ExitCode}: {result.Stderr}");
        return result;
    }

    [Fact]
    public void A_complete_run_is_never_retrained_or_overwritten()
    {
        string sweep = TinySweep.Write(_dir, "runs", methods: ["bce"], seeds: [0]);
        var first = Json(AsmOk("sweep", "run", sweep, "--index", "0", "--threads", "1", "--json")).GetProperty("runs")[0];
        Assert.False(first.GetProperty("already_complete").GetBoolean());
        string folder = first.GetProperty("folder").GetString()!;
        string result = Path.Combine(folder, "result.json"), manifest = Path.Combine(folder, "checkpoint", "checkpoint.json");
        var before = (File.ReadAllBytes(result), File.GetLastWriteTimeUtc(result), File.ReadAllBytes(manifest));

        var again = AsmOk("sweep", "run", sweep, "--index", "0", "--threads", "1", "--json");
        Assert.True(Json(again).GetProperty("runs")[0].GetProperty("already_complete").GetBoolean());
        Assert.Contains("complete; not retrained", again.Stderr);
        var all = AsmOk("sweep", "run", sweep, "--all", "--threads", "1", "--json");
        Assert.Equal(0, Json(all).GetProperty("runs").GetArrayLength());
        Assert.Equal(before.Item1, File.ReadAllBytes(result));
        Assert.Equal(before.Item2, File.GetLastWriteTimeUtc(result));
        Assert.Equal(before.Item3, File.ReadAllBytes(manifest));

        // The record carries what pooling needs.
        var record = JsonDocument.Parse(before.Item1).RootElement;
        Assert.Equal("bce/seed0", record.GetProperty("sweep_run").GetString());
        Assert.Equal(32, record.GetProperty("config").GetProperty("data").GetProperty("size").GetInt32());
        Assert.Equal(1, record.GetProperty("environment").GetProperty("threads").GetInt32());
        Assert.False(string.IsNullOrEmpty(record.GetProperty("environment").GetProperty("cpu_model").GetString()));
    }

    [Fact]
    public void A_changed_sweep_file_that_gives_a_folder_another_config_is_refused_naming_the_run_and_keys()
    {
        string sweep = TinySweep.Write(_dir, "runs", epochs: 1, methods: ["bce"], seeds: [0]);
        AsmOk("sweep", "run", sweep, "--index", "0", "--threads", "1");
        string resultFile = Path.Combine(_dir, "runs", "bce", "seed0", "result.json");
        byte[] before = File.ReadAllBytes(resultFile);

        TinySweep.Write(_dir, "runs", epochs: 2, methods: ["bce"], seeds: [0], extraSets: ["asm.margin=0.4"]);
        foreach (var args in new[] { new[] { "--index", "0" }, ["--all"] })
        {
            var refused = Asm(["sweep", "run", sweep, .. args, "--threads", "1"]);
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("bce/seed0", refused.Stderr);
            Assert.Contains("training.epochs: 1 (in the folder) vs 2 (in the sweep file)", refused.Stderr);
            Assert.Contains("asm.margin", refused.Stderr);
        }
        Assert.Equal(before, File.ReadAllBytes(resultFile));
        // Threads are not part of a run's identity: another thread count is no conflict.
        TinySweep.Write(_dir, "runs", epochs: 1, methods: ["bce"], seeds: [0]);
        AsmOk("sweep", "run", sweep, "--index", "0", "--threads", "2");
    }

    [Fact]
    public void A_second_writer_of_a_run_folder_is_refused_with_exit_2_naming_the_run()
    {
        string sweep = TinySweep.Write(_dir, "runs", methods: ["bce"], seeds: [3]);
        var run = SweepFile.Load(sweep).Run(0);
        using (RunLock.Acquire(run.Folder, run.Name))
        {
            var refused = Asm("sweep", "run", sweep, "--index", "0", "--threads", "1");
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("bce/seed3", refused.Stderr);
            Assert.Contains("another task is writing", refused.Stderr);
            Assert.Contains($"held by pid {Environment.ProcessId} on {Environment.MachineName}", refused.Stderr);
            Assert.StartsWith($"pid {Environment.ProcessId} on", RunLock.Holder(run.Folder));
            Assert.Contains("running (pid", AsmOk("sweep", "list", sweep).Stdout);
            Assert.False(File.Exists(Path.Combine(run.Folder, "run.json")));
            Assert.Throws<SweepException>(() => RunLock.Acquire(run.Folder, run.Name)); // another handle, same process: refused too
        }
        // Released (as the kernel releases it when a task dies): nobody holds it, and the next attempt runs.
        Assert.Null(RunLock.Holder(run.Folder));
        AsmOk("sweep", "run", sweep, "--index", "0", "--threads", "1");
    }

    [Fact]
    public void Sweep_run_all_skips_a_run_another_task_is_writing_and_trains_the_rest()
    {
        string sweep = TinySweep.Write(_dir, "runs", epochs: 1, methods: ["bce"], seeds: [0, 1]);
        var held = SweepFile.Load(sweep).Run(0);
        var other = SweepFile.Load(sweep).Run(1);
        using (RunLock.Acquire(held.Folder, held.Name))
        {
            var all = AsmOk("sweep", "run", sweep, "--all", "--threads", "1");
            Assert.Contains($"run 0 '{held.Name}' is being written by another task (pid {Environment.ProcessId}", all.Stderr + all.Stdout);
            Assert.False(File.Exists(Path.Combine(held.Folder, "result.json")));
            Assert.True(File.Exists(Path.Combine(other.Folder, "result.json")));
        }
    }

    [Fact]
    public void A_task_killed_mid_run_leaves_no_record_and_the_next_attempt_resumes_to_the_same_scores()
    {
        const int epochs = 6;
        string reference = TinySweep.Write(Path.Combine(_dir, "a"), "runs", epochs: epochs, methods: ["asm+bce"], seeds: [0]);
        var expected = Json(AsmOk("sweep", "run", reference, "--index", "0", "--threads", "1", "--json")).GetProperty("runs")[0].GetProperty("result");

        string sweep = TinySweep.Write(Path.Combine(_dir, "b"), "runs", epochs: epochs, methods: ["asm+bce"], seeds: [0]);
        var run = SweepFile.Load(sweep).Run(0);
        KillAfterFirstCheckpoint(sweep, run.Folder);
        Assert.False(File.Exists(Path.Combine(run.Folder, "result.json")));
        var state = RunFolder.State(run.Folder);
        Assert.Equal(RunStateKind.Partial, state.Kind);
        Assert.InRange(state.Epoch, 1, epochs - 1);

        // And a checkpoint caught between its two renames (only checkpoint.old-PID left, beside a
        // half-written checkpoint.tmp-PID) is still found.
        string checkpoint = Path.Combine(run.Folder, "checkpoint");
        Directory.Move(checkpoint, Path.Combine(run.Folder, "checkpoint.old-999999"));
        Directory.CreateDirectory(Path.Combine(run.Folder, "checkpoint.tmp-999998"));
        File.WriteAllText(Path.Combine(run.Folder, "checkpoint.tmp-999998", "predictor.tensors"), "half");
        Assert.Equal(RunStateKind.Pending, RunFolder.State(run.Folder).Kind); // the state shows it as lost until recovered

        var resumed = Json(AsmOk("sweep", "run", sweep, "--threads", "1", "--json", "--index", "0")).GetProperty("runs")[0];
        Assert.Equal(state.Epoch, resumed.GetProperty("resumed_from_epoch").GetInt32());
        foreach (var resolution in new[] { "test", "test_original" })
            foreach (var key in new[] { "iou", "iou_pooled", "miou", "pixel_acc", "boundary_f", "boundary_iou" })
                Assert.Equal(expected.GetProperty(resolution).GetProperty(key).GetDouble(), resumed.GetProperty("result").GetProperty(resolution).GetProperty(key).GetDouble());
        Assert.Equal(["checkpoint", "epochs.json", "result.json", "run.holder", "run.json", "run.lock"], Directory.EnumerateFileSystemEntries(run.Folder).Select(Path.GetFileName).Order());
    }

    // Starts the run and SIGKILLs it (and its relaunched child) as soon as an epoch's checkpoint is on disk.
    private static void KillAfterFirstCheckpoint(string sweep, string folder)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "asm.dll"), "sweep", "run", sweep, "--index", "0", "--threads", "1" }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (RunFolder.State(folder).Kind != RunStateKind.Partial)
        {
            if (process.HasExited) Assert.Fail($"the run ended before it could be killed: {stderr.Result}");
            Assert.True(DateTime.UtcNow < deadline, "no checkpoint within 2 minutes");
            Thread.Sleep(20);
        }
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    [Fact]
    public void A_failed_run_keeps_its_message_and_list_and_summarize_count_every_state()
    {
        string sweep = TinySweep.Write(_dir, "runs", epochs: 1, methods: ["bce", "asm+bce"], seeds: [0, 1]);
        AsmOk("sweep", "run", sweep, "--index", "1", "--threads", "1");
        // Run 2 gets a data folder that does not exist (as after a typo in a sweep file's --set).
        var broken = SweepFile.Load(sweep).Run(2);
        RunFolder.WriteDescriptor(broken.Folder, new RunDescriptor { Name = broken.Name, Config = broken.Config });
        RunFolder.WriteFailure(broken.Folder, new RunFailure { Message = "data folder gone", Error = "DataException" });

        var list = Json(AsmOk("sweep", "list", sweep, "--json"));
        var states = list.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("state").GetString()).ToList();
        Assert.Equal(["pending", "complete", "failed", "pending"], states);
        Assert.Equal("data folder gone", list.GetProperty("runs")[2].GetProperty("message").GetString());

        var summary = Json(AsmOk("summarize", "--records", sweep, "--json")).GetProperty("states");
        Assert.Equal((1, 1, 2, 0), (summary.GetProperty("complete").GetInt32(), summary.GetProperty("failed").GetInt32(),
            summary.GetProperty("pending").GetInt32(), summary.GetProperty("partial").GetInt32()));

        // --all trains the pending runs, not the failed one, in order.
        var all = Json(AsmOk("sweep", "run", sweep, "--all", "--threads", "1", "--json"));
        Assert.Equal(["bce/seed0", "asm+bce/seed1"], all.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
    }

    [Fact]
    public void The_index_comes_from_slurm_or_kubernetes_variables_and_a_missing_one_is_refused()
    {
        string sweep = TinySweep.Write(_dir, "runs", epochs: 1, methods: ["bce"], seeds: [0, 1, 2]);
        var slurm = CliProcess.Run(new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "2" }, "sweep", "run", sweep, "--threads", "1", "--json");
        Assert.True(slurm.ExitCode == 0, slurm.Stderr);
        Assert.Equal("bce/seed2", Json(slurm).GetProperty("runs")[0].GetProperty("name").GetString());
        var k8s = CliProcess.Run(new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "1" }, "sweep", "run", sweep, "--threads", "1", "--json");
        Assert.True(k8s.ExitCode == 0, k8s.Stderr);
        Assert.Equal("bce/seed1", Json(k8s).GetProperty("runs")[0].GetProperty("name").GetString());

        var missing = Asm("sweep", "run", sweep);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--index", missing.Stderr);
        var outOfRange = CliProcess.Run(new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "3" }, "sweep", "run", sweep);
        Assert.Equal(2, outOfRange.ExitCode);
        Assert.Contains("SLURM_ARRAY_TASK_ID 3 is out of range", outOfRange.Stderr);
    }
    [Fact]
    public void A_relative_root_on_the_command_line_is_taken_from_the_current_folder_by_every_sweep_command()
    {
        // The CLI runs in the temp folder; the sweep file sits one level further down, in _dir/study.
        string sweep = TinySweep.Write(Path.Combine(_dir, "study"), "runs", methods: ["bce"], seeds: [0]);
        string relative = Path.Combine(Path.GetFileName(_dir), "elsewhere");
        string expected = Path.Combine(_dir, "elsewhere");

        Assert.Equal(expected, Json(AsmOk("sweep", "list", sweep, "--root", relative, "--json")).GetProperty("root").GetString());
        var run = Json(AsmOk("sweep", "run", sweep, "--index", "0", "--threads", "1", "--root", relative, "--json")).GetProperty("runs")[0];
        Assert.StartsWith(expected + Path.DirectorySeparatorChar, run.GetProperty("folder").GetString());
        // The Slurm tasks are told the same folder, and their log folder is made under it.
        Assert.Contains($"--root {expected}", AsmOk("sweep", "slurm", sweep, "--root", relative).Stdout);
        Assert.True(Directory.Exists(Path.Combine(expected, SlurmScript.LogFolder)));
        Assert.False(Directory.Exists(Path.Combine(_dir, "study", Path.GetFileName(_dir))));
    }
}
