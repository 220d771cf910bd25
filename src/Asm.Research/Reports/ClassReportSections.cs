using System.Globalization;
using Asm.Research.Data.Tasks;
using Asm.Research.Visuals;

namespace Asm.Research.Reports;

/// <summary>
/// The sections a multi-class run adds to <see cref="RunReport"/>: per-class scores (table and bars), the
/// confusion heat maps with the named confusion pairs, and the test images in class colours.
/// </summary>
internal static class ClassReportSections
{
    // One heat map per setting; beyond this many the page grows long for little (each is in the JSON data).
    private const int MaxHeatmaps = 4;

    /// <summary>Per-class table and bars, then confusion heat maps and pairs, of the runs' test scores at model resolution.</summary>
    public static void Classes(HtmlReport report, IReadOnlyList<ReportedRun> runs, SegmentationTask? task)
    {
        report.Heading("Per class");
        var all = ClassScoreSet.FromRuns(runs.Select(r => (r.Label, r.Result)));
        if (all.Count == 0)
        {
            report.Markdown("These records keep no per-class scores.");
            return;
        }
        // One table and one chart need one set of classes; records of other data are named, not drawn.
        var sets = all.Where(s => s.Classes.SequenceEqual(all[0].Classes)).ToList();
        var others = all.Except(sets).Select(s => s.Label).ToList();
        bool seeds = sets.Any(s => s.Seeds.Count > 1);
        report.Markdown("Test scores of each class at model resolution" + (seeds ? ", means over each setting's seeds" : "") +
                        ". **–** marks a class absent from the test truth and predictions (no score, not 0); *pixels* is the class's share of the test pixels (void not counted).");
        report.Html(ClassScoresTable.ToHtml(sets, task));
        if (others.Count > 0)
            report.Markdown($"Not shown per class (other classes than {sets[0].Label}): {string.Join(", ", others)}.");
        report.Chart(ClassBars.Chart(sets, ClassMetric.Iou));
        report.Chart(ClassBars.Chart(sets, ClassMetric.BoundaryF));

        report.Heading("Confusion", 3);
        report.Markdown("Each row is a true class, each column a predicted one; a cell is the share of the row class's test pixels predicted as the column class (rows sum to 1, the diagonal is each class's accuracy; void pixels are not counted). " +
                        "Share of test pixels misclassified: " + string.Join(", ", sets.Select(s => $"{s.Label} {Share(s.OffDiagonal())}")) + ".");
        int height = Math.Clamp(200 + 28 * sets[0].Classes.Count, 320, 720);
        foreach (var set in sets.Take(MaxHeatmaps)) report.Chart(ConfusionHeatmap.Chart(set), height);
        if (sets.Count > MaxHeatmaps) report.Markdown(Invariant($"Heat maps of the first {MaxHeatmaps} settings only (of {sets.Count}); every confusion matrix is in the page's JSON data."));
        Pairs(report, sets);
    }

    /// <summary>The worst test images of one predictor, or those where several differ most, in class colours.</summary>
    public static void Predictions(HtmlReport report, TestPredictions predictions, int imageCount)
    {
        var task = predictions.Task;
        int count = Math.Min(imageCount, predictions.Samples.Count);
        const string perImage = "per-image mIoU (the mean IoU over the classes present in the image's truth or prediction, void left out)";
        if (predictions.Labels.Count > 1)
        {
            var chosen = LabelPredictionViews.MostDifferent(predictions.Samples, predictions.Labels, task, count);
            report.Markdown(Invariant($"The {count} of {predictions.Samples.Count} test images on which the predictors' {perImage} differs most (largest max − min), the same images for every predictor."));
            report.Gallery(LabelPredictionViews.Compare(predictions.Samples, predictions.Labels, chosen, task));
        }
        else
        {
            var (name, labels) = predictions.Labels.First();
            var worst = LabelPredictionViews.Worst(predictions.Samples, labels, task, count);
            report.Markdown(Invariant($"The {count} of {predictions.Samples.Count} test images on which {name} scores its lowest {perImage}."));
            report.Gallery(LabelPredictionViews.Rows(predictions.Samples, labels, worst, task, name));
        }
    }

    private static void Pairs(HtmlReport report, IReadOnlyList<ClassScoreSet> sets)
    {
        var rows = sets.SelectMany(s => s.Pairs().Select(p => (IReadOnlyList<string>)
            [s.Label, $"{p.A} ↔ {p.B}", Share(p.AAsB), Share(p.BAsA)])).ToList();
        if (rows.Count == 0)
        {
            report.Markdown("The task names no contextual-confusion pairs.");
            return;
        }
        report.Table(["run", "pair (A ↔ B)", "A predicted as B", "B predicted as A"], rows,
            "contextual confusion of the task's named class pairs: the share of A's test pixels predicted as B, and of B's as A (– when the class has no test pixels)");
    }

    private static string Share(double? value) => value is { } v ? Invariant($"{v:0.000}") : "–";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
