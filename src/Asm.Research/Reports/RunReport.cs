using Asm.Research.Data.Tasks;
using System.Globalization;
using System.Text.Json;
using Asm.Research.Configuration;
using Asm.Research.Metrics;
using Asm.Research.Training;
using Asm.Research.Visuals;

namespace Asm.Research.Reports;

/// <summary>
/// The HTML page of finished runs — what <c>asm train|compare|eval --report</c> and <c>asm report --records</c>
/// write: the facts and the config, the scores (mean ± sample std over seeds, and each seed's own), grouped
/// bars, per-epoch test IoU, loss curves, and test predictions with error maps on the same images for every
/// predictor. A multi-class run's page shows the task's metrics and adds per-class scores (table and bars), the
/// confusion heat maps with the task's confusion pairs, and its test images in class colours (<see cref="ClassReportSections"/>).
/// The page carries the numbers it shows as JSON (<see cref="DataElementId"/>) for scripts and tests.
/// </summary>
public static class RunReport
{
    /// <summary>The id of the page's <c>&lt;script type="application/json"&gt;</c> element holding its numbers.</summary>
    public const string DataElementId = "asm-report-data";

    private static string[] TableMetrics(TaskKinds kind) => [.. TrainingViews.MetricsFor(kind), "train_s"];
    private static string[] BarMetrics(TaskKinds kind) => kind == TaskKinds.Binary ? ["iou", "boundary_f", "boundary_iou"] : ["miou", "mean_class_acc", "boundary_f"];
    private static readonly IReadOnlyDictionary<string, int> ColumnDigits = new Dictionary<string, int> { ["train_s"] = 0 };
    private const int MaxLossCharts = 8;

    /// <summary>
    /// Builds the page. <paramref name="runs"/> in display order (rows follow the first appearance of each label);
    /// <paramref name="predictions"/> adds the test images (chosen where the predictors' IoU, or per-image mIoU for a
    /// multi-class task, differs most, or with one predictor where it is lowest); without them <paramref name="predictionsNote"/> says why.
    /// </summary>
    public static HtmlReport Build(string title, IReadOnlyList<ReportedRun> runs, TestPredictions? predictions = null,
                                   string? command = null, string? predictionsNote = null, int imageCount = TestPredictions.DefaultCount)
    {
        if (runs.Count == 0) throw new ArgumentException("A report needs at least one run.", nameof(runs));
        var labels = runs.Select(r => r.Label).Distinct().ToList();
        var groups = labels.Select(l => (Label: l, Runs: runs.Where(r => r.Label == l).ToList())).ToList();
        var report = new HtmlReport(title);

        report.KeyValues(Facts(runs, groups.Count, command), "run");
        var verdict = ComparisonVerdict.Line(groups.Select(g => ComparisonVerdict.Setting.Of(g.Label, g.Runs.Select(r => r.Result).ToList())).ToList());
        report.Markdown(verdict);

        report.Heading("Test scores");
        var labelled = runs.Select(r => (r.Label, r.Result)).ToList();
        int maxSeeds = groups.Max(g => g.Runs.Count);
        string spread = maxSeeds < 2 ? "one seed each" : "mean ± sample std over each row's seeds";
        var rows = TrainingViews.Rows(labelled);
        var kind = runs[0].Result.Test.Kind;
        report.Table(rows, TableMetrics(kind), $"at model resolution ({spread}); best per column in bold; train_s = training seconds",
                     columnDigits: ColumnDigits, lowerIsBetter: new HashSet<string> { "train_s" });
        report.Table(TrainingViews.Rows(labelled, original: true), TrainingViews.MetricsFor(kind), "at each mask's own resolution");
        report.Chart(Charts.GroupedBars(rows, BarMetrics(kind),
            maxSeeds < 2 ? "Test scores at model resolution" : "Test scores at model resolution (mean ± sample std)", "score", "score"));
        string headline = runs[0].Result.Test.HeadlineName;
        report.Table(["run", "seed", headline, "boundary F", kind == TaskKinds.Binary ? "boundary IoU" : "class acc", $"{headline} (original)", "boundary F (original)", "train min"],
            runs.Select(r => (IReadOnlyList<string>)
            [
                r.Label, Invariant($"{r.Result.Seed}"), Invariant($"{r.Result.Test.Headline:0.000}"), Invariant($"{r.Result.Test.BoundaryF:0.000}"),
                Invariant($"{r.Result.Test.BoundaryIou ?? r.Result.Test.MeanClassAcc:0.000}"), Invariant($"{r.Result.TestOriginal.Headline:0.000}"),
                Invariant($"{r.Result.TestOriginal.BoundaryF:0.000}"), Invariant($"{r.Result.TrainSeconds / 60:0.0}"),
            ]), "each run (model resolution unless marked)");
        if (kind == TaskKinds.MultiClass)
            ClassReportSections.Classes(report, runs, predictions?.Task is { IsBinary: false } predicted ? predicted : TaskOf(runs));

        Training(report, runs, groups.Select(g => g.Runs.OrderBy(r => r.Result.Seed).First()).ToList(), kind);
        Predictions(report, predictions, predictionsNote, imageCount);
        Configs(report, runs);
        report.Html(DataScript(title, runs, verdict));
        return report;
    }

    private static IEnumerable<(string, string)> Facts(IReadOnlyList<ReportedRun> runs, int settings, string? command)
    {
        if (command is not null) yield return ("command", command);
        yield return ("written", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        yield return ("runs", Invariant($"{runs.Count} ({settings} setting(s); seeds {string.Join(", ", runs.Select(r => r.Result.Seed).Distinct().Order())})"));
        yield return ("data", string.Join("; ", runs.Select(r => r.Result.Data).Distinct()));
        yield return ("size, epochs", string.Join("; ", runs.Select(r => Invariant($"{r.Result.Size.Display}, {r.Result.Epochs} epochs")).Distinct()));
        var environments = runs.Select(r => r.Result.Environment).OfType<Platform.RunEnvironment>()
            .Select(e => Invariant($"kit {e.Summary}, {e.Threads} thread(s)")).Distinct().ToList();
        if (environments.Count > 0) yield return ("computed with", string.Join("; ", environments));
        if (TaskOf(runs) is { IsBinary: false } task) yield return ("task", task.Describe());
    }

    // The classes (names and colours) of multi-class runs, from their recorded configs; null for legacy records.
    private static SegmentationTask? TaskOf(IReadOnlyList<ReportedRun> runs) =>
        runs.Select(r => r.Result.Config?.Task).FirstOrDefault(t => t is not null);

    private static void Training(HtmlReport report, IReadOnlyList<ReportedRun> runs, IReadOnlyList<ReportedRun> firstSeeds, TaskKinds kind)
    {
        var tested = runs.Where(r => r.History.Epochs.Any(e => e.Test is not null)).ToList();
        if (tested.Count == 0 && runs.All(r => r.History.Epochs.Count == 0))
        {
            report.Heading("Training").Markdown("No per-epoch history was kept with these records (no `epochs.json` or checkpoint beside them).");
            return;
        }
        report.Heading("Training");
        if (tested.Count > 0)
            report.Chart(kind == TaskKinds.Binary
                ? TrainingViews.TestIouChart(tested.Select(r => (r.Name, r.History)), "Test IoU after each epoch (model resolution)")
                : TrainingViews.TestIouChart(tested.Select(r => (r.Name, r.History)), "Test mIoU after each epoch (model resolution)", "mIoU (over the test pixels)"));
        foreach (var run in firstSeeds.Where(r => r.History.Epochs.Count > 0).Take(MaxLossCharts))
            report.Chart(run.History.Steps.Count > 0
                ? TrainingViews.LossChart(run.History, $"Training losses — {run.Name}")
                : EpochLossChart(run), height: 320);
        if (firstSeeds.Count > MaxLossCharts)
            report.Markdown(Invariant($"Loss curves of the first {MaxLossCharts} settings only (of {firstSeeds.Count})."));
    }

    // Records keep each loss's mean per epoch, not its steps.
    private static Plotly.NET.GenericChart EpochLossChart(ReportedRun run)
    {
        var names = run.History.Epochs.SelectMany(e => e.MeanLosses.Keys).Distinct().ToList();
        var series = names.Select(n => Series.From(n, run.History.Epochs.Where(e => e.MeanLosses.ContainsKey(n)).Select(e => ((double)e.Epoch, e.MeanLosses[n]))));
        return Charts.Lines(series, $"Training losses, mean per epoch — {run.Name}", "epoch", "loss");
    }

    private static void Predictions(HtmlReport report, TestPredictions? predictions, string? note, int imageCount)
    {
        report.Heading("Test predictions");
        if (predictions is null || predictions.Samples.Count == 0 || predictions.PredictorCount == 0)
        {
            report.Markdown(note ?? "No predictors were at hand for this page, so no test images are shown.");
            return;
        }
        if (!predictions.Task.IsBinary)
        {
            ClassReportSections.Predictions(report, predictions, imageCount);
            if (note is not null) report.Markdown(note);
            return;
        }
        int count = Math.Min(imageCount, predictions.Samples.Count);
        if (predictions.ByPredictor.Count > 1)
        {
            var chosen = PredictionViews.MostDifferent(predictions.Samples, predictions.ByPredictor, count);
            report.Markdown(Invariant($"The {count} of {predictions.Samples.Count} test images on which the predictors' IoU differs most (largest max − min), the same images for every predictor."));
            report.Gallery(PredictionViews.Compare(predictions.Samples, predictions.ByPredictor, chosen));
        }
        else
        {
            var (name, probabilities) = predictions.ByPredictor.First();
            var worst = Enumerable.Range(0, predictions.Samples.Count)
                .OrderBy(i => PredictionViews.Iou(probabilities[i], predictions.Samples[i].Mask)).ThenBy(i => i).Take(count).ToList();
            report.Markdown(Invariant($"The {count} of {predictions.Samples.Count} test images on which {name} scores its lowest IoU."));
            report.Gallery(PredictionViews.Rows(predictions.Samples, probabilities, worst, name));
        }
        if (note is not null) report.Markdown(note);
    }

    private static void Configs(HtmlReport report, IReadOnlyList<ReportedRun> runs)
    {
        report.Heading("Config");
        var withConfig = runs.Where(r => r.Result.Config is not null).ToList();
        if (withConfig.Count == 0)
        {
            report.Markdown("These records predate recorded configs (legacy records): method, size, epochs and data are all they say.");
            return;
        }
        var first = withConfig[0];
        report.Config(first.Result.Config!, $"config of {first.Name}");
        var ignore = new HashSet<string> { "training.seed" };
        var rows = withConfig.Skip(1)
            .Select(r => (r.Name, Differences: ConfigTree.Differences(first.Result.Config!, r.Result.Config!, first.Name, r.Name, ignore)))
            .Where(d => d.Differences.Count > 0)
            .Select(d => (IReadOnlyList<string>)[d.Name, string.Join("; ", d.Differences)]).ToList();
        if (rows.Count > 0) report.Table(["run", $"differs from {first.Name} in (seed aside)"], rows, "the other runs' configs");
        else if (withConfig.Count > 1) report.Markdown("Every other run has the same config but for its seed.");
    }

    // The numbers the page shows, for scripts and tests: each run's record scores and the verdict.
    private static string DataScript(string title, IReadOnlyList<ReportedRun> runs, string verdict)
    {
        var data = new
        {
            title,
            verdict,
            runs = runs.Select(r => new
            {
                label = r.Label, method = r.Result.Method, seed = r.Result.Seed,
                test = r.Result.Test, test_original = r.Result.TestOriginal, train_seconds = r.Result.TrainSeconds,
            }),
        };
        // '<' only occurs inside JSON strings, where \u003C means the same: no "</script>" or "<!--" can end the element early.
        string json = JsonSerializer.Serialize(data, RunResult.Json).Replace("<", "\\u003C", StringComparison.Ordinal);
        return $"<script type=\"application/json\" id=\"{DataElementId}\">{json}</script>";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
