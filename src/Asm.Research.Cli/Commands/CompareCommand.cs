using System.Text.Json;
using Asm.Research.Cli.Output;
using Asm.Research.Data;
using Asm.Research.Training;

namespace Asm.Research.Cli.Commands;

/// <summary><c>asm compare</c>: trains several methods and seeds with one shared config and tabulates their test scores.</summary>
public static class CompareCommand
{
    public const string Help = """
        asm compare [--data DIR|synthetic] [--methods bce,asm,asm+bce,cgan] [--seeds 0,1,2] [--epochs N] [--size N]
                    [--batch N] [--quick] [--out DIR] [--init-from DIR|FILE.pt] [--set key=value ...] [--threads N] [--json]
          Trains every method with every seed (default methods bce,asm,asm+bce; default seeds 0) on the
          same data and config, and prints mean ± std of the test scores. With --out, each run's
          checkpoint and result.json go to DIR/<method>-seed<N>/ and the whole record to DIR/compare.json.
          --quick: 64×64 synthetic-size settings that finish in minutes on 2 cores. --init-from: every run's S
          starts from that run's final predictor (see train).
        """;

    public static int Run(IReadOnlyList<string> argv, CancellationToken cancellationToken)
    {
        var args = CommandArguments.Parse("compare", argv, new HashSet<string>([.. CommonOptions.Values, "--methods", "--seeds", "--out"]),
            new HashSet<string>(["--json", "--quick"]));
        var methods = (args.Value("--methods") ?? "bce,asm,asm+bce").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var m in methods)
            if (!Configuration.ExperimentConfig.Methods.Contains(m))
                throw new UsageException($"--methods: '{m}' is unknown; expected some of {string.Join(", ", Configuration.ExperimentConfig.Methods)}");
        var seeds = args.IntList("--seeds") ?? [0];
        bool quick = args.Flag("--quick");
        string? output = args.Value("--out");
        var reporter = new Reporter(args.Flag("--json"));

        var configs = (from method in methods from seed in seeds
                       select CommonOptions.BuildConfig(args, method, quick) is var c ? c with { Training = c.Training with { Seed = seed } } : null).ToList();
        var data = DataSources.Load(configs[0].Data, new Progress<string>(reporter.Info), cancellationToken);
        reporter.Info($"data: {data.Description}; " +
                      $"{configs.Count} run(s) of {configs[0].Training.Epochs} epochs");

        var labels = configs.Select(c => $"{c.Method} seed {c.Training.Seed}").ToList();
        var runs = reporter.Track(labels, progress => configs.Select((config, i) => ExperimentRunner.Run(config, data, new RunOptions
        {
            OutputDirectory = output is null ? null : Path.Combine(output, $"{config.Method}-seed{config.Training.Seed}"),
            Progress = progress(i),
        }, cancellationToken)).ToList());

        var summary = ComparisonSummary.Of(runs);
        var record = new Dictionary<string, object> { ["runs"] = runs, ["summary"] = summary };
        if (output is not null)
            ExperimentRunner.WriteAtomically(Path.Combine(output, "compare.json"), JsonSerializer.Serialize(record, new JsonSerializerOptions { WriteIndented = true }));
        if (reporter.Json)
            Console.WriteLine(JsonSerializer.Serialize(record, RunResult.Json));
        else
            ResultTable.Summary(runs.GroupBy(r => r.Method).Select(g => (g.Key, (IReadOnlyList<RunResult>)g.ToList())).ToList());
        return 0;
    }
}
