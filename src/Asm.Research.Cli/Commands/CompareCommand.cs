using System.Text.Json;
using Asm.Research.Cli.Output;
using Asm.Research.Data;
using Asm.Research.Reports;
using Asm.Research.Training;
using Asm.Research.Training.Output;
using Asm.Research.Training.Methods;

namespace Asm.Research.Cli.Commands;

/// <summary><c>asm compare</c>: trains several methods and seeds with one shared config and tabulates their test scores.</summary>
public static class CompareCommand
{
    public static string Help => $"""
        asm compare [--data DIR|synthetic] [--methods {string.Join(",", MethodRegistry.Names)}] [--seeds 0,1,2] [--epochs N] [--size N]
                    [--batch N] [--quick] [--out DIR] [--resume] [--force] [--init-from DIR|FILE.pt] [--set key=value ...] [--threads N]
                    [--report FILE.html] [--json]
          Trains every method with every seed (default methods bce,asm,asm+bce; default seeds 0) on the
          same data and config, and prints mean ± std of the test scores. With --out, each run's
          checkpoint and result.json go to DIR/<method>-seed<N>/ and the whole record to DIR/compare.json;
          every run's folder must be new or empty unless --resume (continue each run) or --force (replace
          the kit's files). Every run's settings and folder are checked before the first one trains.
          --quick: 64×64 synthetic-size settings that finish in minutes on 2 cores. --init-from: every run's S
          starts from that run's final predictor (see train).
          --report: also writes one self-contained HTML page: config, scores (mean ± std and per seed), grouped
          bars, per-epoch test IoU, loss curves, and the test images where the methods differ most with each
          method's error map (first seed of each). Replaces only a page the kit wrote.
        """;

    public static int Run(IReadOnlyList<string> argv, CancellationToken cancellationToken)
    {
        var args = CommandArguments.Parse("compare", argv, new HashSet<string>([.. CommonOptions.Values, "--methods", "--seeds", "--out", "--report"]),
            new HashSet<string>(["--json", "--quick", "--resume", "--force"]));
        if (args.Flag("--resume") && args.Flag("--force"))
            throw new UsageException("compare: --resume and --force exclude each other (continue the runs, or replace them)");
        var methods = CommandArguments.Methods(args.Value("--methods") ?? "bce,asm,asm+bce", "--methods");
        var seeds = args.IntList("--seeds") ?? [0];
        var repeatedSeed = seeds.GroupBy(s => s).FirstOrDefault(g => g.Count() > 1);
        if (repeatedSeed is not null)
            throw new UsageException($"--seeds: {repeatedSeed.Key} is listed more than once; every run needs its own seed (and folder)");
        bool quick = args.Flag("--quick");
        string? output = args.Value("--out");
        var reporter = new Reporter(args.Flag("--json"));

        var configs = (from method in methods from seed in seeds
                       select CommonOptions.BuildConfig(args, method, quick) is var c ? c with { Training = c.Training with { Seed = seed } } : null).ToList();
        var folders = configs.Select(c => output is null ? null : Path.Combine(output, $"{c.Method}-seed{c.Training.Seed}")).ToList();
        if (output is not null)
        {
            // Every folder is checked before the first run trains, so run 5 cannot fail after 4 finished.
            for (int i = 0; i < configs.Count; i++)
                OutputFolder.Plan(folders[i]!, configs[i], args.Flag("--resume"), args.Flag("--force"));
            string recordPath = Path.Combine(Path.GetFullPath(output), "compare.json");
            if (Directory.Exists(recordPath))
                throw new UsageException($"--out: {recordPath} is a folder; the comparison's record goes there");
            if (File.Exists(recordPath) && !args.Flag("--resume") && !args.Flag("--force"))
                throw new UsageException($"--out: {recordPath} already exists (another comparison): pass --resume or --force to replace it, or choose another --out");
        }
        var report = ReportFile.From(args.Value("--report"));
        var data = DataSources.Load(configs[0].Data, new Progress<string>(reporter.Info), cancellationToken);
        reporter.Info($"data: {data.Description}; " +
                      $"{configs.Count} run(s) of {configs[0].Training.Epochs} epochs");

        var labels = configs.Select(c => $"{c.Method} seed {c.Training.Seed}").ToList();
        var capture = new RunCapture(data.Test);
        var runs = reporter.Track(labels, progress => configs.Select((config, i) => ExperimentRunner.Run(config, data, new RunOptions
        {
            OutputDirectory = folders[i],
            Resume = args.Flag("--resume"),
            Force = args.Flag("--force"),
            Progress = progress(i),
            Log = new Progress<string>(reporter.Info),
            // The page compares methods on the same images: the first seed of each is enough.
            Trained = report is null ? null : capture.For(i, config.Training.Seed == seeds[0] ? labels[i] : null, cancellationToken),
        }, cancellationToken)).ToList());
        report?.Write(RunReport.Build($"asm compare: {string.Join(", ", methods)} × seed(s) {string.Join(", ", seeds)}",
            runs.Select((r, i) => new ReportedRun(r.Method, r, capture.History(i))).ToList(), capture.Predictions,
            $"asm compare {string.Join(' ', argv)}"), reporter);

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
