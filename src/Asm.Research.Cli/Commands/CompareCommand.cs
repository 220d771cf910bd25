using System.ComponentModel;
using System.Text.Json;
using Asm.Research.Cli.Output;
using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Data.Catalog;
using Asm.Research.Reports;
using Asm.Research.Training;
using Asm.Research.Training.Output;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Commands;

/// <summary><c>asm compare</c>: trains several methods and seeds with one shared config and tabulates their test scores.</summary>
[Description("""
    Trains several methods and seeds with one shared config and tabulates their test scores.
    Trains every method with every seed (default methods bce,asm,asm+bce; default seeds 0) on the
    same data and config, and prints mean ± std of the test scores. Every run is kept: its
    checkpoint and result.json go to DIR/<method>-seed<N>/, the whole record to DIR/compare.json and
    the HTML report to DIR/report.html, where DIR is --out or a new folder runs/compare-<date-time>.
    Every run's folder must be new or empty unless --resume (continue each run) or --force (replace
    the kit's files). Every run's settings and folder are checked before the first one trains.
    --quick: 64×64 synthetic-size settings that finish in minutes on 2 cores. --init-from: every
    run's S starts from that run's final predictor (see train). --report FILE: the HTML page goes
    there instead. The page (self-contained, opens offline) holds the config, scores (mean ± std and
    per seed), grouped bars, per-epoch test IoU, loss curves, and the test images where the methods
    differ most with each method's error map (first seed of each); on multi-class data also
    per-class scores, confusion heat maps and the images in class colours.
    """)]
public sealed class CompareCommand : Command<CompareSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, CompareSettings settings, CancellationToken cancellationToken)
    {
        // Without --out the runs are still kept (a new folder under runs/), with their report.
        string output = settings.Out ?? DefaultRunFolder.New("compare", DateTime.Now);
        var reporter = new Reporter(settings.Json);

        var methods = settings.MethodsToRun();
        var configs = (from method in methods from seed in settings.Seeds
                       select settings.BuildConfig(method) is var c ? c with { Training = c.Training with { Seed = seed } } : null).ToList();
        var folders = configs.Select(c => Path.Combine(output, $"{c.Method}-seed{c.Training.Seed}")).ToList();
        // Every folder is checked before the first run trains, so run 5 cannot fail after 4 finished.
        for (int i = 0; i < configs.Count; i++)
            OutputFolder.Plan(folders[i], configs[i], settings.Resume, settings.Force);
        string recordPath = Path.Combine(Path.GetFullPath(output), "compare.json");
        if (Directory.Exists(recordPath))
            throw new UsageException($"--out: {recordPath} is a folder; the comparison's record goes there");
        if (File.Exists(recordPath) && !settings.Resume && !settings.Force)
            throw new UsageException($"--out: {recordPath} already exists (another comparison): pass --resume or --force to replace it, or choose another --out");
        var report = ReportFile.From(settings.Report ?? Path.Combine(output, "report.html"));
        var data = DataSources.Load(configs[0].Data, new Progress<string>(reporter.Info), cancellationToken);
        reporter.Info($"data: {data.Description}; " +
                      $"{configs.Count} run(s) of {configs[0].Training.Epochs} epochs");

        var labels = configs.Select(c => $"{c.Method} seed {c.Training.Seed}").ToList();
        var capture = new RunCapture(data.Test, data.Task);
        var runs = reporter.Track(labels, progress => configs.Select((config, i) => ExperimentRunner.Run(config, data, new RunOptions
        {
            OutputDirectory = folders[i],
            Resume = settings.Resume,
            Force = settings.Force,
            Progress = progress(i),
            Log = new Progress<string>(reporter.Info),
            // The page compares methods on the same images: the first seed of each is enough.
            Trained = report is null ? null : capture.For(i, config.Training.Seed == settings.Seeds[0] ? labels[i] : null, cancellationToken),
        }, cancellationToken)).ToList());
        report?.Write(RunReport.Build($"asm compare: {string.Join(", ", methods)} × seed(s) {string.Join(", ", settings.Seeds)}",
            runs.Select((r, i) => new ReportedRun(r.Method, r, capture.History(i))).ToList(), capture.Predictions,
            $"asm {string.Join(' ', context.Arguments)}"), reporter);

        var summary = ComparisonSummary.Of(runs);
        var record = new Dictionary<string, object> { ["runs"] = runs, ["summary"] = summary };
        ExperimentRunner.WriteAtomically(recordPath, JsonSerializer.Serialize(record, ConfigJson.Strict(new JsonSerializerOptions { WriteIndented = true })));
        if (reporter.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(record, RunResult.Json));
            return 0;
        }
        ResultTable.Summary(runs.GroupBy(r => r.Method).Select(g => (g.Key, (IReadOnlyList<RunResult>)g.ToList())).ToList());
        bool builtIn = DatasetCatalog.Resolve(configs[0].Data).IsBuiltIn;
        if (ComparisonEpilogue.OnBuiltInData(configs[0], data.Description, builtIn, settings.Seeds.Count) is { } shows)
            reporter.Info(shows);
        reporter.Info(ComparisonEpilogue.Kept(output, Path.GetFileName(folders[0]), report?.Path));
        return 0;
    }
}
