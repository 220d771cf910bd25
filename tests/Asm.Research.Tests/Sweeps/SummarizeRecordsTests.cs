using System.Text.Json;
using Asm.Research.Configuration;
using Asm.Research.Metrics;
using Asm.Research.Platform;
using Asm.Research.Sweeps;
using Asm.Research.Training;
using Asm.Research.Tests.Cli;

namespace Asm.Research.Tests.Sweeps;

/// <summary>What <c>asm summarize</c> reads, skips and pools (no training: records are written by hand).</summary>
public sealed class SummarizeRecordsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"asm-summarize-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static RunResult Record(string method, int seed, double iou, ExperimentConfig? config, int threads = 1) => new()
    {
        Method = method,
        Seed = seed,
        Test = new SegmentationScores(4, iou, iou, iou, 0.9, iou / 2, iou / 4),
        TestOriginal = new SegmentationScores(4, iou, iou, iou, 0.9, iou / 2, iou / 4),
        TrainSeconds = 60,
        Epochs = 2,
        Size = 32,
        Data = "synthetic",
        Config = config is null ? null : config with { Training = config.Training with { Seed = seed, Threads = threads } },
        Environment = config is null ? null : new RunEnvironment("abc", threads, "AVX", "test CPU"),
    };

    private string Write(string relativeFolder, RunResult record, string file = "result.json")
    {
        string folder = Path.Combine(_dir, relativeFolder);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, file), ConfigJson.Serialize(record));
        return folder;
    }

    private JsonElement Summarize()
    {
        var result = CliProcess.Run("summarize", "--records", _dir, "--json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonDocument.Parse(result.LastLine).RootElement;
    }

    [Fact]
    public void Records_are_grouped_by_config_with_seeds_pooled_not_by_folder_and_std_is_the_sample_std()
    {
        var a = ExperimentConfig.ForMethod("asm+bce");
        var b = a with { Asm = a.Asm with { Margin = 0.4 } };
        // Setting a's three seeds lie in unrelated folders, one trained with other threads; b has two.
        Write("x/first", Record("asm+bce", 0, 0.5, a));
        Write("y", Record("asm+bce", 1, 0.6, a, threads: 2));
        Write("z/deep/er", Record("asm+bce", 2, 0.7, a));
        Write("x/second", Record("asm+bce", 0, 0.2, b));
        Write("w", Record("asm+bce", 1, 0.4, b));

        var groups = ComparisonSummary.ByConfig(RecordScan.Of(_dir).Records);
        Assert.Equal(2, groups.Count);
        var ga = groups.Single(g => g.Runs == 3);
        Assert.Equal(0.6, ga.Values["iou"][0], 12);
        Assert.Equal(0.1, ga.Values["iou"][1], 12); // sqrt(((−0.1)² + 0 + 0.1²) / (3 − 1))
        var gb = groups.Single(g => g.Runs == 2);
        Assert.Equal(0.3, gb.Values["iou"][0], 12);
        Assert.Equal(Math.Sqrt(0.02), gb.Values["iou"][1], 12);
        Assert.Equal("asm+bce", ga.Label);
        Assert.Equal("asm+bce asm.margin=0.4", gb.Label);
        Assert.False(ga.Legacy);

        var json = Summarize();
        Assert.Equal(5, json.GetProperty("runs").GetInt32());
        Assert.Equal(3, json.GetProperty("seeds").GetProperty("asm+bce").GetInt32());
        Assert.Equal(5, json.GetProperty("records").GetArrayLength());
    }

    [Fact]
    public void Only_complete_result_json_files_count_and_the_others_are_reported_with_a_reason()
    {
        var good = Record("bce", 0, 0.5, ExperimentConfig.ForMethod("bce"));
        string folder = Write("run", good);
        File.WriteAllText(Path.Combine(folder, "eval.json"), JsonSerializer.Serialize(good, RunResult.Json)); // an eval --json output beside it
        File.WriteAllText(Path.Combine(Write("broken", good), "result.json"), "{\"method\": \"bce\", \"test\": {");
        File.WriteAllText(Path.Combine(Write("cut", good), "result.json"), "{\"method\": \"bce\", \"seed\": 1}");

        var json = Summarize();
        Assert.Equal(1, json.GetProperty("runs").GetInt32());
        var skipped = json.GetProperty("skipped").EnumerateArray().ToDictionary(s => Path.GetFileName(Path.GetDirectoryName(s.GetProperty("path").GetString()))!, s => s.GetProperty("reason").GetString()!);
        Assert.Equal(2, skipped.Count);
        Assert.StartsWith("malformed", skipped["broken"]);
        Assert.Equal("incomplete: no test, test_original", skipped["cut"]);
    }

    [Fact]
    public void Symbolic_links_are_never_followed_so_a_loop_or_a_link_out_of_the_tree_adds_no_record()
    {
        var config = ExperimentConfig.ForMethod("bce");
        Write("tree/run", Record("bce", 0, 0.5, config));
        string outside = Write("outside/run", Record("bce", 1, 0.9, config));
        string tree = Path.Combine(_dir, "tree");
        Directory.CreateSymbolicLink(Path.Combine(tree, "run", "loop"), tree);
        Directory.CreateSymbolicLink(Path.Combine(tree, "elsewhere"), outside);
        Directory.CreateDirectory(Path.Combine(tree, "linked"));
        File.CreateSymbolicLink(Path.Combine(tree, "linked", "result.json"), Path.Combine(outside, "result.json"));

        var scan = RecordScan.Of(tree);
        Assert.Single(scan.Records);
        Assert.Equal(3, scan.Skipped.Count);
        Assert.All(scan.Skipped, s => Assert.Contains("symbolic link", s.Reason));
        var result = CliProcess.Run("summarize", "--records", tree, "--json");
        Assert.Equal(1, JsonDocument.Parse(result.LastLine).RootElement.GetProperty("runs").GetInt32());
    }

    [Fact]
    public void Legacy_records_are_grouped_by_method_size_epochs_and_data_and_said_to_be_legacy()
    {
        Write("bce-seed0", Record("bce", 0, 0.5, null));
        Write("bce-seed1", Record("bce", 1, 0.7, null));
        Write("other/bce-seed0", Record("bce", 0, 0.1, null) with { Size = 64 });
        var groups = ComparisonSummary.ByConfig(RecordScan.Of(_dir).Records);
        Assert.Equal(2, groups.Count);
        Assert.All(groups, g => Assert.True(g.Legacy));
        Assert.Equal(0.6, groups.Single(g => g.Runs == 2).Values["iou"][0], 12);
        Assert.Contains(groups, g => g.Label.StartsWith("bce (64 px, 2 epochs", StringComparison.Ordinal));
        var result = CliProcess.Run("summarize", "--records", _dir);
        Assert.Contains("3 legacy record(s)", result.Stderr);
    }

    [Fact]
    public void Seeds_started_from_their_own_seeds_run_pool_and_a_sweep_setting_named_like_another_group_says_how_it_differs()
    {
        // The study's second stage: bce records without a config, and a sweep's "bce" whose seeds each start
        // from the bce run of their own seed, with fewer epochs and a tenth of the learning rate.
        Write("bce-seed0", Record("bce", 0, 0.5, null));
        Write("bce-seed1", Record("bce", 1, 0.7, null));
        var bce = ExperimentConfig.ForMethod("bce");
        var second = bce with { Optimizer = bce.Optimizer with { LearningRate = 0.001 }, Data = bce.Data with { Source = "/data/horses" } };
        foreach (int seed in new[] { 0, 1 })
        {
            var config = second with { Training = second.Training with { Epochs = 20, InitFrom = $"/work/kit/runs/reproduction/bce/seed{seed}" } };
            Write($"second-stage/bce-seed{seed}", Record("bce", seed, 0.8 + seed / 100.0, config) with { SweepRun = $"bce/seed{seed}" });
        }
        // A run started from another seed's run is another setting.
        var other = second with { Training = second.Training with { Epochs = 20, InitFrom = "/work/kit/runs/reproduction/bce/seed0" } };
        Write("second-stage/odd", Record("bce", 2, 0.9, other) with { SweepRun = "bce/seed2" });

        var groups = ComparisonSummary.ByConfig(RecordScan.Of(_dir).Records);
        Assert.Equal(3, groups.Count);
        Assert.Equal("bce", groups.Single(g => g.Legacy).Label);
        var pooled = groups.Single(g => g.Runs == 2 && !g.Legacy);
        Assert.Equal(0.805, pooled.Values["iou"][0], 12);
        Assert.Equal("bce (optimizer.learningRate=0.001 training.epochs=20 training.initFrom=…/reproduction/bce/seed{seed})", pooled.Label);
        Assert.Equal("bce (optimizer.learningRate=0.001 training.epochs=20 training.initFrom=…/reproduction/bce/seed0)",
            groups.Single(g => g.Runs == 1).Label);

        // A run at the method's defaults (only the data's location set) beside the legacy records has nothing to
        // add in parentheses: it is numbered instead.
        Write("defaults", Record("bce", 0, 0.6, bce with { Data = bce.Data with { Source = "/data/horses" } }) with { SweepRun = "bce/seed0" });
        Assert.Contains("bce #2", ComparisonSummary.ByConfig(RecordScan.Of(_dir).Records).Select(g => g.Label));
    }

    [Fact]
    public void The_reproduction_table_in_results_md_is_still_what_summarize_prints_for_docs_results()
    {
        var result = CliProcess.Run("summarize", "--records", Path.Combine(TestPaths.RepoRoot, "docs", "results"), "--task", "figure-ground", "--markdown");
        Assert.True(result.ExitCode == 0, result.Stderr);
        string results = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "RESULTS.md"));
        var rows = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // Header, rule, the four reproduction methods, then whatever the study has added; every row is in RESULTS.md.
        Assert.True(rows.Length >= 6, result.Stdout);
        foreach (var method in new[] { "bce", "cgan", "asm", "asm+bce" })
            Assert.Contains(rows, row => row.StartsWith($"| {method} |", StringComparison.Ordinal));
        Assert.All(rows, row => Assert.Contains(row, results));
    }

    // A multi-class record of the built-in scenes (its config carries the task), mIoU in place of foreground IoU.
    private static RunResult SceneRecord(string method, int seed, double miou) => new()
    {
        Method = method,
        Seed = seed,
        Test = new SegmentationScores(4, null, null, miou, 0.9, miou / 2, null) { MeanClassAcc = miou + 0.1, FwIou = 0.8 },
        TestOriginal = new SegmentationScores(4, null, null, miou, 0.9, miou / 2, null) { MeanClassAcc = miou + 0.1, FwIou = 0.8 },
        TrainSeconds = 60,
        Epochs = 2,
        Size = 32,
        Data = "scenes",
        Config = SceneConfig(seed),
    };

    private static ExperimentConfig SceneConfig(int seed)
    {
        var config = ExperimentConfig.ForMethod("ce") with { Data = new DataConfig { Source = "scenes" } };
        return config.ForData() with { Training = config.Training with { Seed = seed } };
    }

    [Fact]
    public void Records_of_two_tasks_are_never_pooled_each_task_gets_its_own_table_and_task_keeps_one()
    {
        Write("horses/bce-seed0", Record("bce", 0, 0.6, ExperimentConfig.ForMethod("bce")));
        Write("scenes/ce-seed0", SceneRecord("ce", 0, 0.40));
        Write("scenes/ce-seed1", SceneRecord("ce", 1, 0.44));

        var both = CliProcess.Run("summarize", "--records", _dir, "--markdown");
        Assert.True(both.ExitCode == 0, both.Stderr);
        // Figure-ground first with its foreground IoU; the scenes with mIoU, pixel accuracy and class accuracy.
        int horses = both.Stdout.IndexOf("Task figure-ground:", StringComparison.Ordinal), scenes = both.Stdout.IndexOf("Task scenes:", StringComparison.Ordinal);
        Assert.True(horses >= 0 && scenes > horses, both.Stdout);
        Assert.Contains("| method | runs | IoU |", both.Stdout[horses..scenes]);
        Assert.Contains("| method | runs | mIoU | boundary F | pixel acc | class acc |", both.Stdout[scenes..]);
        Assert.Contains("| ce | 2 | 0.420 ± 0.028 |", both.Stdout[scenes..]);

        var one = CliProcess.Run("summarize", "--records", _dir, "--markdown", "--task", "scenes");
        Assert.True(one.ExitCode == 0, one.Stderr);
        Assert.DoesNotContain("Task ", one.Stdout);
        Assert.DoesNotContain("| bce |", one.Stdout);
        Assert.StartsWith("| method | runs | mIoU |", one.Stdout);

        var none = CliProcess.Run("summarize", "--records", _dir, "--task", "camvid");
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("--task camvid", none.Stderr);
        Assert.Contains("figure-ground, scenes", none.Stderr);
    }

    [Fact]
    public void Control_characters_in_a_record_never_reach_the_terminal()
    {
        // A sweep name is a label; an escape sequence in it would clear the screen or retitle the terminal.
        Write("evil", Record("bce", 0, 0.6, ExperimentConfig.ForMethod("bce")) with { SweepRun = "x\u001b]0;pwned\u0007\u001b[2J/bce/seed0" });
        foreach (var flags in new[] { Array.Empty<string>(), ["--markdown"] })
        {
            var result = CliProcess.Run(["summarize", "--records", _dir, .. flags]);
            Assert.True(result.ExitCode == 0, result.Stderr);
            Assert.DoesNotContain('\u001b', result.Stdout);
            Assert.DoesNotContain('\u0007', result.Stdout);
        }
    }

    [Fact]
    public void The_camvid_block_in_results_md_is_what_summarize_prints_for_docs_results_camvid()
    {
        string results = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "RESULTS.md"));
        const string start = "<!-- asm summarize --records docs/results/camvid --classes --markdown -->", end = "<!-- /asm summarize camvid -->";
        int a = results.IndexOf(start, StringComparison.Ordinal) + start.Length;
        Assert.True(a >= start.Length, "RESULTS.md has no CamVid summarize block");
        string block = results[a..results.IndexOf(end, a, StringComparison.Ordinal)].Trim();
        string records = Path.Combine(TestPaths.RepoRoot, "docs", "results", "camvid");
        if (!Directory.Exists(records))
        {
            // Before the study's first record the block is empty, and must not claim numbers.
            Assert.Equal("", block);
            return;
        }
        var result = CliProcess.Run("summarize", "--records", records, "--classes", "--markdown");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(result.Stdout.Trim().ReplaceLineEndings("\n"), block.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Hundreds_of_distinct_settings_each_get_their_own_group_and_label()
    {
        // 100 settings × 3 seeds, in the order a folder listing might give: the labels name each one's learning rate.
        var bce = ExperimentConfig.ForMethod("bce");
        for (int setting = 0; setting < 100; setting++)
        {
            double rate = 0.001 + setting * 1e-4;
            var config = bce with { Optimizer = bce.Optimizer with { LearningRate = rate } };
            for (int seed = 0; seed < 3; seed++)
                Write($"s{setting}/seed{seed}", Record("bce", seed, 0.5 + setting * 1e-3 + seed * 0.01, config));
        }
        var groups = Summarize().GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(100, groups.Count);
        Assert.All(groups, g => Assert.Equal(3, g.GetProperty("runs").GetInt32()));
        var labels = groups.Select(g => g.GetProperty("label").GetString()!).ToList();
        Assert.Equal(100, labels.Distinct().Count());
        // With no most common rate, the first setting's counts as the usual one and is labelled by its method alone.
        Assert.Single(labels, l => l == "bce");
        var named = Enumerable.Range(0, 100).Select(s => $"bce optimizer.learningRate={(0.001 + s * 1e-4).ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        Assert.Equal(99, named.Count(labels.Contains));
    }
}
