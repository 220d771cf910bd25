using System.Text.Json;
using Asm.Research.Cli;
using Asm.Research.Platform;

namespace Asm.Research.Tests.Cli;

public sealed class CliTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"asm-cli-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    internal static readonly string[] Tiny =
    [
        "--size", "32", "--epochs", "1", "--batch", "4", "--threads", "1",
        "--set", "data.syntheticTrain=8", "--set", "data.syntheticTest=4", "--set", "predictor.width=4",
        "--set", "analyzer.widths=8,8,8,8,8",
    ];

    [Theory]
    [InlineData(new[] { "train", "--method", "nope" }, "--method")]
    [InlineData(new[] { "train", "--set", "asm.nope=1" }, "asm.nope")]
    [InlineData(new[] { "train", "--set", "training.epochs=x" }, "training.epochs")]
    [InlineData(new[] { "train", "--epochs", "0" }, "--epochs")]
    [InlineData(new[] { "train", "--frobnicate" }, "--frobnicate")]
    [InlineData(new[] { "compare", "--methods", "bce,gan" }, "gan")]
    [InlineData(new[] { "eval" }, "--checkpoint")]
    [InlineData(new[] { "launch" }, "launch")]
    public void Bad_arguments_exit_2_naming_the_flag(string[] args, string named)
    {
        var result = CliProcess.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(named, result.Stderr);
    }

    [Fact]
    public void On_linux_the_command_runs_with_the_tuned_allocator_unless_opted_out()
    {
        string[] bench = ["bench", "--methods", "bce", "--sizes", "32", "--batches", "2", "--steps", "1", "--warmup", "1", "--threads", "1",
            "--set", "predictor.width=4", "--json"];
        var tuned = CliProcess.Run(bench);
        Assert.True(tuned.ExitCode == 0, tuned.Stderr);
        string expected = !OperatingSystem.IsLinux() ? "default"
            : Environment.GetEnvironmentVariable(GlibcAllocator.TunablesVariable) ?? GlibcAllocator.Tunables;
        Assert.Equal(expected, JsonDocument.Parse(tuned.LastLine).RootElement.GetProperty("allocator").GetString());

        var optedOut = CliProcess.Run(new Dictionary<string, string> { [GlibcAllocator.OptOutVariable] = "default" }, bench);
        Assert.True(optedOut.ExitCode == 0, optedOut.Stderr);
        Assert.Equal(Environment.GetEnvironmentVariable(GlibcAllocator.TunablesVariable) ?? "default",
            JsonDocument.Parse(optedOut.LastLine).RootElement.GetProperty("allocator").GetString());
    }

    [Theory]
    [InlineData(new[] { "train", "--method", "bce" }, true)]
    [InlineData(new[] { "eval", "--checkpoint", "x" }, true)]
    [InlineData(new[] { "compare" }, true)]
    [InlineData(new[] { "bench", "--json" }, true)]
    [InlineData(new[] { "summarize", "--records", "docs/results" }, false)]
    [InlineData(new[] { "sweep", "run", "s.json", "--index", "0" }, true)]
    [InlineData(new[] { "sweep", "list", "s.json" }, false)]
    [InlineData(new[] { "sweep", "slurm", "s.json" }, false)]
    [InlineData(new[] { "figures", "--records", "docs/results" }, false)]
    [InlineData(new[] { "figures", "--records", "docs/results", "--checkpoints", "a,b" }, true)]
    [InlineData(new[] { "figures", "--checkpoints=a,b" }, true)]
    [InlineData(new[] { "train", "--help" }, false)]
    [InlineData(new[] { "--help" }, false)]
    [InlineData(new[] { "launch" }, false)]
    [InlineData(new string[0], false)]
    public void Only_commands_that_run_libtorch_are_relaunched_with_the_tuned_allocator(string[] args, bool relaunched)
    {
        Assert.Equal(relaunched, CliApp.UsesTorch(args));
    }

    [Fact]
    public void Bad_data_folder_exits_2_naming_it()
    {
        string missing = Path.Combine(_dir, "no-such-db");
        var result = CliProcess.Run(["train", "--method", "bce", "--data", missing, .. Tiny]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(missing, result.Stderr);
        Assert.False(Directory.Exists(Path.Combine(_dir, "runs")));
    }

    [Fact]
    public void Eval_of_a_missing_checkpoint_exits_2_naming_it()
    {
        var result = CliProcess.Run(["eval", "--checkpoint", Path.Combine(_dir, "nothing"), "--json"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nothing", result.Stderr);
    }

    [Fact]
    public void Train_then_eval_print_the_documented_json()
    {
        string output = Path.Combine(_dir, "run");
        var train = CliProcess.Run(["train", "--method", "asm", "--out", output, "--json", .. Tiny]);
        Assert.True(train.ExitCode == 0, train.Stderr);
        // libtorch logged a failed NNPACK initialisation per conv on this CPU until TorchRuntime switched NNPACK off.
        Assert.DoesNotContain("NNPACK", train.Stderr);
        using var trained = JsonDocument.Parse(train.LastLine);
        foreach (var key in new[] { "method", "seed", "test", "test_original", "train_seconds", "images_per_second" })
            Assert.True(trained.RootElement.TryGetProperty(key, out _), $"train JSON lacks '{key}': {train.LastLine}");
        foreach (var key in new[] { "n", "iou", "iou_pooled", "miou", "pixel_acc", "boundary_f", "boundary_iou" })
            Assert.True(trained.RootElement.GetProperty("test").TryGetProperty(key, out _), $"test lacks '{key}'");
        Assert.Equal("asm", trained.RootElement.GetProperty("method").GetString());
        Assert.True(File.Exists(Path.Combine(output, "result.json")));

        var eval = CliProcess.Run(["eval", "--checkpoint", output, "--json", "--threads", "1"]);
        Assert.True(eval.ExitCode == 0, eval.Stderr);
        using var evaluated = JsonDocument.Parse(eval.LastLine);
        Assert.Equal(trained.RootElement.GetProperty("test").GetProperty("iou").GetDouble(),
            evaluated.RootElement.GetProperty("test").GetProperty("iou").GetDouble(), 6);
        Assert.False(evaluated.RootElement.TryGetProperty("train_seconds", out _));

        var all = CliProcess.Run(["eval", "--checkpoint", output, "--all", "--json", "--threads", "1"]);
        using var allDoc = JsonDocument.Parse(all.LastLine);
        Assert.Equal(12, allDoc.RootElement.GetProperty("test").GetProperty("n").GetInt32());
    }

    [Fact]
    public void Compare_prints_runs_and_a_mean_std_summary()
    {
        var result = CliProcess.Run(["compare", "--methods", "bce,asm", "--seeds", "0,1", "--json", "--out", _dir, .. Tiny]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var doc = JsonDocument.Parse(result.LastLine);
        Assert.Equal(4, doc.RootElement.GetProperty("runs").GetArrayLength());
        var iou = doc.RootElement.GetProperty("summary").GetProperty("asm").GetProperty("iou");
        Assert.Equal(2, iou.GetArrayLength());
        Assert.True(iou[1].GetDouble() >= 0);
    }

    /// <summary>The main job without --out: nothing trained is thrown away, and the closing lines say what a short run on built-in data shows.</summary>
    [Fact]
    public void Compare_without_out_keeps_its_runs_and_report_and_says_what_they_show()
    {
        Directory.CreateDirectory(_dir);
        var result = CliProcess.RunIn(_dir, ["compare", "--methods", "bce", .. Tiny]);
        Assert.True(result.ExitCode == 0, result.Stderr);

        string kept = Assert.Single(Directory.GetDirectories(Path.Combine(_dir, "runs")));
        Assert.Matches(@"compare-\d{8}-\d{6}$", kept);
        foreach (string file in new[] { "compare.json", "report.html", Path.Combine("bce-seed0", "result.json") })
            Assert.True(File.Exists(Path.Combine(kept, file)), $"{file} was not kept in {kept}");
        string said = System.Text.RegularExpressions.Regex.Replace(result.Stdout + result.Stderr, @"\s+", " "); // lines wrap at the terminal's width
        Assert.Contains($"kept in {kept}", said);
        Assert.Contains("not to rank them", said);
        Assert.Contains("docs/RESULTS.md", said);
        // The built-in data is made at the working size: one line instead of a second, identical table.
        Assert.DoesNotContain("the same at each mask's own resolution", said);
        Assert.Contains("the masks are at the working size", said);
    }

    [Fact]
    public void Summarize_tabulates_records_by_setting_with_mean_and_sample_std()
    {
        // Two asm seeds (IoU 0.4 and 0.6: mean 0.5, sample std √0.02 = 0.1414) and one bce run, plus a file that is no record.
        WriteRecord("asm-seed0", "asm", 0, iou: 0.4, trainSeconds: 60);
        WriteRecord("asm-seed1", "asm", 1, iou: 0.6, trainSeconds: 180);
        WriteRecord("bce-seed0", "bce", 0, iou: 0.7, trainSeconds: 30);
        File.WriteAllText(Path.Combine(_dir, "notes.json"), "{\"what\": \"not a run\"}");

        var markdown = CliProcess.Run(["summarize", "--records", _dir, "--markdown"]);
        Assert.True(markdown.ExitCode == 0, markdown.Stderr);
        Assert.Contains("| asm | 2 | 0.500 ± 0.141 |", markdown.Stdout);
        Assert.Contains("| 2.0 |", markdown.Stdout); // asm: mean of 1 and 3 minutes
        Assert.Contains("| bce | 1 | 0.700 |", markdown.Stdout);
        Assert.True(markdown.Stdout.IndexOf("| bce |", StringComparison.Ordinal) < markdown.Stdout.IndexOf("| asm |", StringComparison.Ordinal),
            "the baseline's row comes before the method's");

        var json = CliProcess.Run(["summarize", "--records", _dir, "--json"]);
        using var doc = JsonDocument.Parse(json.LastLine);
        var iou = doc.RootElement.GetProperty("summary").GetProperty("asm").GetProperty("iou");
        Assert.Equal(0.5, iou[0].GetDouble(), 12);
        Assert.Equal(Math.Sqrt(0.02), iou[1].GetDouble(), 12);
        Assert.Equal(3, doc.RootElement.GetProperty("runs").GetInt32());

        var empty = CliProcess.Run(["summarize", "--records", Path.Combine(_dir, "asm-seed0", "nothing-here")]);
        Assert.Equal(2, empty.ExitCode);
        Assert.Contains("nothing-here", empty.Stderr);
    }

    private void WriteRecord(string folder, string method, int seed, double iou, double trainSeconds)
    {
        var scores = new Asm.Research.Metrics.SegmentationScores(80, iou, iou, 0.8, 0.9, 0.6, 0.4);
        var run = new Asm.Research.Training.RunResult { Method = method, Seed = seed, Test = scores, TestOriginal = scores, TrainSeconds = trainSeconds };
        Directory.CreateDirectory(Path.Combine(_dir, folder));
        File.WriteAllText(Path.Combine(_dir, folder, "result.json"), JsonSerializer.Serialize(run, Asm.Research.Training.RunResult.Json));
    }
}
