using Asm.Research.Configuration;
using Asm.Research.Sweeps;

namespace Asm.Research.Tests.Sweeps;

public sealed class SweepFileTests
{
    private const string Study = """
        {
          // two questions; the second's control row is the first's asm+bce row
          "name": "study",
          "root": "out",
          "base": { "set": ["data.size=64"] },
          "seeds": [0, 2],
          "grids": [
            { "axes": [ { "method": ["bce", "asm+bce"] } ] },
            { "base": { "method": "asm+bce" },
              "axes": [ { "set": [[], "asm.layers=1,2,3", ["asm.margin=0.4", "asm.lambdaRec=0"], { "name": "soft", "set": ["asm.hardNegative=false"] }] } ] },
          ],
        }
        """;

    private static SweepFile Parse(string text) => SweepFile.Parse(text, "/sweeps/study.json");

    [Fact]
    public void Seed_placeholder_gives_each_run_its_own_seeds_source_taken_from_the_sweep_files_folder()
    {
        var sweep = Parse("""
            { "root": "out", "seeds": [0, 2],
              "base": { "method": "asm+bce", "set": ["training.initFrom=../runs/bce/seed{seed}", "training.epochs=20"] } }
            """);
        Assert.Equal(["/runs/bce/seed0", "/runs/bce/seed2"], sweep.Runs.Select(r => r.Config.Training.InitFrom));
        Assert.Equal([0, 2], sweep.Runs.Select(r => r.Config.Training.Seed));
        Assert.Equal(["asm+bce/seed0", "asm+bce/seed2"], sweep.Runs.Select(r => r.Name));
    }

    [Fact]
    public void Expands_grids_in_order_with_stable_names_one_folder_each_and_a_shared_control_once()
    {
        var sweep = Parse(Study);
        string[] expected =
        [
            "bce/seed0", "bce/seed2", "asm+bce/seed0", "asm+bce/seed2",
            "asm+bce/asm.layers=1,2,3/seed0", "asm+bce/asm.layers=1,2,3/seed2",
            "asm+bce/asm.margin=0.4+asm.lambdaRec=0/seed0", "asm+bce/asm.margin=0.4+asm.lambdaRec=0/seed2",
            "asm+bce/soft/seed0", "asm+bce/soft/seed2",
        ];
        Assert.Equal(expected, sweep.Runs.Select(r => r.Name));
        Assert.Equal(Enumerable.Range(0, expected.Length), sweep.Runs.Select(r => r.Index));
        Assert.Equal("/sweeps/out", sweep.Root);
        Assert.Equal("/sweeps/out/asm+bce/asm.layers=1,2,3/seed2", sweep.Runs[5].Folder);
        Assert.Equal(sweep.Runs.Count, sweep.Runs.Select(r => r.Folder).Distinct().Count());
        Assert.Equal("asm+bce/soft", sweep.Runs[8].Setting);
        // Deterministic: the same text gives the same runs and configs.
        var again = Parse(Study).Runs;
        Assert.Equal(sweep.Runs.Select(r => (r.Name, r.Folder, string.Join(";", ConfigKeys.Flatten(r.Config)))),
                     again.Select(r => (r.Name, r.Folder, string.Join(";", ConfigKeys.Flatten(r.Config)))));
    }

    [Fact]
    public void A_runs_config_is_built_as_the_cli_builds_it_preset_then_every_set_in_order_then_the_seed()
    {
        var run = Parse(Study).Runs.Single(r => r.Name == "asm+bce/asm.margin=0.4+asm.lambdaRec=0/seed2");
        var expected = ConfigOverrides.Apply(ExperimentConfig.ForMethod("asm+bce"),
            ["data.size=64", "asm.margin=0.4", "asm.lambdaRec=0", "training.seed=2"]);
        Assert.Equal(ConfigKeys.Flatten(expected), ConfigKeys.Flatten(run.Config));
        Assert.Equal(0.4, run.Config.Asm.Margin);
        Assert.Equal(1, run.Config.Asm.LambdaSup); // the asm+bce preset
        Assert.Equal(2, run.Config.Training.Seed);
    }

    [Theory]
    [InlineData("""{"root": "r", "seeds": [0], "base": {"method": "bce"}, "axis": []}""", "$.axis")]
    [InlineData("""{"root": "r", "seeds": [0], "base": {"method": "bce", "set": ["asm.nope=1"]}}""", "asm.nope")]
    [InlineData("""{"root": "r", "seeds": [0], "base": {"method": "bce", "set": ["training.seed=3"]}}""", "seeds")]
    [InlineData("""{"root": "r", "seeds": [0, 0], "base": {"method": "bce"}}""", "$.seeds[1]")]
    [InlineData("""{"root": "r", "base": {"method": "bce"}}""", "$.seeds")]
    [InlineData("""{"seeds": [0], "base": {"method": "bce"}}""", "$.root")]
    [InlineData("""{"root": "r", "seeds": [0], "base": {"method": "nope"}}""", "nope")]
    [InlineData("""{"root": "r", "seeds": [0], "base": {"method": "bce"}, "axes": [{"method": ["asm"]}]}""", "$.axes[0].method")]
    [InlineData("""{"root": "r", "seeds": [0], "axes": [{"set": ["asm.margin=1"]}]}""", "no method")]
    [InlineData("""{"root": "r", "seeds": [0], "base": {"method": "bce"}, "axes": [{"set": [{"name": "x", "set": ["asm.margin=1"]}, {"name": "x", "set": ["asm.margin=2"]}]}]}""", "bce/x/seed0")]
    [InlineData("""{"root": "r", "seeds": [0], "base": {"method": "bce"}, "axes": [{"set": ["asm.margin=1/2"]}]}""", "asm.margin")]
    [InlineData("""{"root": "r", "seeds": [0], "base": {"method": "bce"}, "axes": [], "grids": []}""", "not both")]
    [InlineData("""{"root": "r", "seeds": [0], "base": {"method": "bce"}""", "not valid JSON")]
    public void A_bad_sweep_file_is_refused_naming_the_file_and_the_place(string text, string named)
    {
        var e = Assert.Throws<SweepException>(() => Parse(text));
        Assert.Contains("/sweeps/study.json", e.Message);
        Assert.Contains(named, e.Message);
    }

    [Fact]
    public void Run_indices_out_of_range_are_refused_with_the_range()
    {
        var sweep = Parse(Study);
        var e = Assert.Throws<SweepException>(() => sweep.Run(10));
        Assert.Contains("0–9", e.Message);
    }

    [Theory]
    [InlineData("3", "7", "1", 3)]
    [InlineData(null, "2", "1", 2)]
    [InlineData(null, null, "1", 1)]
    [InlineData(null, "", "0", 0)]
    public void The_index_comes_from_the_option_else_slurm_else_kubernetes(string? option, string? slurm, string? kubernetes, int expected)
    {
        var env = new Dictionary<string, string?> { [SweepIndex.SlurmVariable] = slurm, [SweepIndex.KubernetesVariable] = kubernetes };
        Assert.Equal(expected, SweepIndex.Resolve(option, name => env.GetValueOrDefault(name), runs: 4));
    }

    [Theory]
    [InlineData(null, null, "no run index")]
    [InlineData("4", null, "out of range")]
    [InlineData(null, "-1", "SLURM_ARRAY_TASK_ID '-1'")]
    [InlineData("x", null, "--index 'x'")]
    public void A_missing_or_bad_index_is_refused(string? option, string? slurm, string message)
    {
        var e = Assert.Throws<SweepException>(() => SweepIndex.Resolve(option, name => name == SweepIndex.SlurmVariable ? slurm : null, runs: 4));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Every_sweep_file_of_the_studies_expands_with_valid_settings()
    {
        // docs/study's sweeps are what a reviewer re-runs; a key, method or value the kit no longer accepts must show here.
        var files = Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "docs", "study"), "*.json")
            .Where(f => Path.GetFileName(f) != "questions.json").ToList();
        Assert.Contains(files, f => f.EndsWith("camvid-study.json", StringComparison.Ordinal));
        // They are run from the repository root, where their data paths (../shared/data/…) point at the data.
        string before = Environment.CurrentDirectory;
        Environment.CurrentDirectory = TestPaths.RepoRoot;
        try
        {
            foreach (var file in files)
            {
                var sweep = SweepFile.Load(file);
                Assert.NotEmpty(sweep.Runs);
                Assert.All(sweep.Runs, r => Assert.Empty(Asm.Research.Configuration.ConfigBounds.Problems(r.Config)));
            }
            var camvid = SweepFile.Load(Path.Combine(TestPaths.RepoRoot, "docs", "study", "camvid-study.json"));
            Assert.Equal(21, camvid.Runs.Count);
            Assert.All(camvid.Runs, r => Assert.Equal(52, r.Config.Training.Epochs));
            Assert.All(camvid.Runs, r => Assert.Equal("camvid", r.Config.Task.Name));
        }
        finally
        {
            Environment.CurrentDirectory = before;
        }
    }

    [Fact]
    public void A_sweep_of_absurdly_many_runs_is_refused_through_the_cli_before_its_runs_are_built()
    {
        // 100 × 100 × 100 settings: a million runs, which took 127 s and 5.1 GB to list.
        string values = string.Join(", ", Enumerable.Range(1, 100).Select(i => $"\"training.epochs={i}\""));
        string dir = Directory.CreateTempSubdirectory("asm-sweep-limit-").FullName;
        try
        {
            string file = Path.Combine(dir, "huge.json");
            File.WriteAllText(file, $$"""
                { "root": "out", "seeds": [0], "base": { "method": "bce" },
                  "axes": [ { "set": [{{values}}] }, { "set": [{{values.Replace("training.epochs", "training.batchSize")}}] },
                            { "set": [{{values.Replace("training.epochs", "data.syntheticSeed")}}] } ] }
                """);
            foreach (var command in new[] { "list", "run" })
            {
                var result = Cli.CliProcess.Run(new Dictionary<string, string>(), TimeSpan.FromSeconds(60), ["sweep", command, file]);
                Assert.True(result.ExitCode == 2, $"sweep {command}: exit {result.ExitCode}: {result.Stderr}");
                Assert.Contains(file, result.Stderr);
                Assert.Contains($"at most {SweepFile.MaxRuns}", result.Stderr);
                Assert.DoesNotContain("   at ", result.Stderr);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
