using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Training;
using Asm.Research.Training.Checkpoints;
using Asm.Research.Training.Output;

namespace Asm.Research.Tests.Training;

/// <summary>Nothing of the user's is lost: a refused run changes nothing, --force touches only the kit's files, an interrupted save is recovered.</summary>
public sealed class OutputFolderSafetyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("asm-out-").FullName;
    private static readonly ExperimentConfig Config = TinyConfigs.For("bce", epochs: 3);
    private readonly SegmentationDataset _data = DataSources.Load(Config.Data);

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private string Run(string name, ExperimentConfig? config = null, bool resume = false, bool force = false, int? stopAfter = null, List<string>? log = null)
    {
        string output = Path.Combine(_dir, name);
        using var cancellation = new CancellationTokenSource();
        var options = new RunOptions
        {
            OutputDirectory = output, Resume = resume, Force = force,
            Callbacks = stopAfter is int epoch ? [new CancelAtEpochEnd(epoch, cancellation)] : [],
            Log = log is null ? null : new ListProgress(log),
        };
        if (stopAfter is null) ExperimentRunner.Run(config ?? Config, _data, options, cancellation.Token);
        else Assert.ThrowsAny<OperationCanceledException>(() => ExperimentRunner.Run(config ?? Config, _data, options, cancellation.Token));
        return output;
    }

    private static Dictionary<string, byte[]> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes);

    private static void AssertUnchanged(Dictionary<string, byte[]> before, string folder)
    {
        var after = Snapshot(folder);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (file, bytes) in before) Assert.True(bytes.AsSpan().SequenceEqual(after[file]), $"{file} changed");
    }

    [Fact]
    public void A_refused_resume_keeps_the_finished_runs_result_and_checkpoint()
    {
        string output = Run("run");
        var before = Snapshot(output);
        Assert.Contains(ExperimentRunner.ResultFile, before.Keys);

        var other = Config with { Data = Config.Data with { Size = 64 } };
        var e = Assert.Throws<CheckpointException>(() => Run("run", other, resume: true));
        Assert.Contains("data.size", e.Message);
        AssertUnchanged(before, output);
    }

    [Fact]
    public void A_folder_holding_a_run_or_other_files_is_refused_without_resume_or_force()
    {
        string output = Run("run");
        File.WriteAllText(Path.Combine(output, "notes.txt"), "mine");
        var before = Snapshot(output);
        var e = Assert.Throws<OutputFolderException>(() => Run("run"));
        Assert.Contains("--force", e.Message);
        Assert.Contains("result.json", e.Message);
        AssertUnchanged(before, output);

        string foreign = Path.Combine(_dir, "mine");
        Directory.CreateDirectory(foreign);
        File.WriteAllText(Path.Combine(foreign, "thesis.tex"), "precious");
        var notEmpty = Assert.Throws<OutputFolderException>(() => Run("mine"));
        Assert.Contains("thesis.tex", notEmpty.Message);
        Assert.Equal(["thesis.tex"], Directory.EnumerateFileSystemEntries(foreign).Select(Path.GetFileName));
    }

    [Fact]
    public void Force_replaces_only_the_kits_files()
    {
        string output = Run("run", stopAfter: 1);
        File.WriteAllText(Path.Combine(output, "notes.txt"), "mine");
        Directory.CreateDirectory(Path.Combine(output, "plots"));
        File.WriteAllText(Path.Combine(output, "plots", "curve.svg"), "<svg/>");
        Run("run", force: true);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(output, "notes.txt")));
        Assert.Equal("<svg/>", File.ReadAllText(Path.Combine(output, "plots", "curve.svg")));
        Assert.Equal(3, Checkpoint.ReadManifest(output).Epoch);
        Assert.True(File.Exists(Path.Combine(output, ExperimentRunner.ResultFile)));
    }

    [Fact]
    public void Force_refuses_a_checkpoint_folder_holding_someone_elses_file()
    {
        string output = Run("run", stopAfter: 1);
        string stranger = Path.Combine(output, "checkpoint", "README.txt");
        File.WriteAllText(stranger, "do not delete");
        var e = Assert.Throws<OutputFolderException>(() => Run("run", force: true));
        Assert.Contains("README.txt", e.Message);
        Assert.Equal("do not delete", File.ReadAllText(stranger));
    }

    [Fact]
    public void Resume_after_a_crash_between_the_checkpoints_renames_uses_the_last_complete_one()
    {
        string straight = Run("straight");
        string one = Run("one", stopAfter: 1), two = Run("two", stopAfter: 2);
        // Checkpoint.Save moves checkpoint/ to checkpoint.old-PID, then checkpoint.tmp-PID to checkpoint/:
        // a crash between the two leaves the epoch-1 checkpoint aside and the complete epoch-2 one in tmp.
        string crashed = Path.Combine(_dir, "crashed");
        CopyFolder(Path.Combine(one, "checkpoint"), Path.Combine(crashed, "checkpoint.old-4242"));
        CopyFolder(Path.Combine(two, "checkpoint"), Path.Combine(crashed, "checkpoint.tmp-4242"));
        var log = new List<string>();
        Run("crashed", resume: true, log: log);

        Assert.Contains(log, line => line.Contains("resuming from epoch 2") && line.Contains("checkpoint.tmp-4242"));
        Assert.Equal(["checkpoint", "epochs.json", "result.json"], Directory.EnumerateFileSystemEntries(crashed).Select(Path.GetFileName).Order());
        Assert.Equal(Losses(straight), Losses(crashed));
    }

    [Fact]
    public void Recovering_an_interrupted_save_puts_back_the_newest_complete_checkpoint_and_keeps_other_files()
    {
        string one = Run("one", stopAfter: 1), two = Run("two", stopAfter: 2);
        string crashed = Path.Combine(_dir, "crashed");
        CopyFolder(Path.Combine(one, "checkpoint"), Path.Combine(crashed, "checkpoint.old-4242"));
        CopyFolder(Path.Combine(two, "checkpoint"), Path.Combine(crashed, "checkpoint.tmp-4242"));
        string halfWritten = Path.Combine(crashed, "checkpoint.tmp-4343");
        CopyFolder(Path.Combine(two, "checkpoint"), halfWritten);
        File.Delete(Path.Combine(halfWritten, Checkpoint.ManifestFile));
        File.WriteAllText(Path.Combine(crashed, "result.json.tmp-4242"), "{");
        File.WriteAllText(Path.Combine(crashed, "notes.txt"), "mine");

        OutputFolder.RecoverInterruptedSave(crashed);
        Assert.Equal(["checkpoint", "notes.txt"], Directory.EnumerateFileSystemEntries(crashed).Select(Path.GetFileName).Order());
        Assert.Equal(2, Checkpoint.ReadManifest(Path.Combine(crashed, "checkpoint")).Epoch);

        // With checkpoint/ in place, a leftover beside it is only removed (the checkpoint itself is never replaced here).
        CopyFolder(Path.Combine(one, "checkpoint"), Path.Combine(crashed, "checkpoint.old-4444"));
        OutputFolder.RecoverInterruptedSave(crashed);
        Assert.Equal(["checkpoint", "notes.txt"], Directory.EnumerateFileSystemEntries(crashed).Select(Path.GetFileName).Order());
        Assert.Equal(2, Checkpoint.ReadManifest(Path.Combine(crashed, "checkpoint")).Epoch);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(crashed, "notes.txt")));
    }

    [Fact]
    public void Resume_ignores_a_leftover_that_was_interrupted_while_being_written()
    {
        string one = Run("one", stopAfter: 1);
        string partial = Path.Combine(one, "checkpoint.tmp-4242");
        CopyFolder(Path.Combine(one, "checkpoint"), partial);
        File.Delete(Path.Combine(partial, Checkpoint.ManifestFile)); // the manifest is written last
        var log = new List<string>();
        Run("one", resume: true, log: log);
        Assert.Contains(log, line => line.Contains("resuming from epoch 1"));
        Assert.False(Directory.Exists(partial));
        Assert.Equal(3, Checkpoint.ReadManifest(one).Epoch);
    }

    [Fact]
    public void Resume_without_a_checkpoint_says_it_starts_from_scratch()
    {
        var log = new List<string>();
        Run("fresh", resume: true, log: log);
        Assert.Contains(log, line => line.Contains("starting from scratch"));
    }

    [Fact]
    public void A_failed_checkpoint_save_leaves_no_temporary_folder_and_keeps_whats_there()
    {
        using var experiment = Experiment.Create(TinyConfigs.For("bce", epochs: 1));
        string target = Path.Combine(_dir, "checkpoint");
        File.WriteAllText(target, "a file where the checkpoint folder should go");
        Assert.ThrowsAny<IOException>(() => Checkpoint.Save(experiment, target));
        Assert.Equal(["checkpoint"], Directory.EnumerateFileSystemEntries(_dir).Select(Path.GetFileName));
        Assert.Equal("a file where the checkpoint folder should go", File.ReadAllText(target));
    }

    [Fact]
    public void An_output_path_that_is_a_file_under_a_file_or_unwritable_is_refused_before_training()
    {
        string file = Path.Combine(_dir, "result.txt");
        File.WriteAllText(file, "x");
        Assert.Contains("is a file", Assert.Throws<OutputFolderException>(() => OutputFolder.Plan(file, Config, false, false)).Message);
        string under = Path.Combine(file, "run");
        Assert.Contains($"{file} is a file", Assert.Throws<OutputFolderException>(() => OutputFolder.Plan(under, Config, false, false)).Message);
        // /proc refuses new files even for root (like a read-only mount does).
        if (OperatingSystem.IsLinux())
            Assert.Contains("cannot write", Assert.Throws<OutputFolderException>(() => OutputFolder.Plan("/proc/asm-run", Config, false, false)).Message);
        Assert.Equal("x", File.ReadAllText(file));
    }

    private static double[] Losses(string run) => Checkpoint.ReadManifest(run).History.Steps.Select(s => s.Losses["bce"]).ToArray();

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }

    private sealed class ListProgress(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }
}
