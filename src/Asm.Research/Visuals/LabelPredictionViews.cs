using System.Globalization;
using Asm.Research.Data;
using Asm.Research.Data.Tasks;

namespace Asm.Research.Visuals;

/// <summary>
/// Multi-class predictions beside the ground truth, in the task's class colours: for chosen test images the
/// image, the truth, the prediction and the error map (<see cref="LabelMapImages.Errors"/>), with the class
/// legend under the gallery's title; the worst images by per-image mIoU, or with several predictors the images
/// on which their mIoU differs most. Predictions are label maps at the working size (e.g. <c>Experiment.PredictLabels</c>).
/// </summary>
public static class LabelPredictionViews
{
    /// <summary>What an error map's colours mean (for captions).</summary>
    public const string ErrorLegend = "error map: right pixels white, wrong ones in the colour of the class predicted, void black";

    /// <summary>
    /// Per-image mIoU: the mean IoU over the classes present in the image's truth or prediction, void pixels of the
    /// truth left out; NaN when every pixel is void. (A class in neither has no IoU and is not averaged in.)
    /// </summary>
    /// <exception cref="ArgumentException">The maps differ in size.</exception>
    public static double MeanIou(byte[] predicted, byte[] truth, int classes)
    {
        Check(predicted, truth);
        var intersection = new long[classes];
        var union = new long[classes];
        for (int i = 0; i < truth.Length; i++)
        {
            int t = truth[i], p = predicted[i];
            if (t == SegmentationTask.VoidLabel || t >= classes) continue;
            if (p == t) { intersection[t]++; union[t]++; }
            else
            {
                union[t]++;
                if (p < classes) union[p]++;
            }
        }
        var ious = Enumerable.Range(0, classes).Where(c => union[c] > 0).Select(c => (double)intersection[c] / union[c]).ToList();
        return ious.Count == 0 ? double.NaN : ious.Average();
    }

    /// <summary>Per-image pixel accuracy over the truth's non-void pixels; NaN when every pixel is void.</summary>
    public static double PixelAccuracy(byte[] predicted, byte[] truth)
    {
        Check(predicted, truth);
        long right = 0, counted = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            if (truth[i] == SegmentationTask.VoidLabel) continue;
            counted++;
            if (predicted[i] == truth[i]) right++;
        }
        return counted == 0 ? double.NaN : (double)right / counted;
    }

    /// <summary>A sample's truth as bytes (its mask holds class indices and 255 for void as floats).</summary>
    public static byte[] Truth(SegmentationSample sample) =>
        sample.Mask.Select(v => (byte)Math.Clamp(MathF.Round(v), 0, 255)).ToArray();

    /// <summary>
    /// The indices of the <paramref name="count"/> samples with the lowest per-image mIoU (<see cref="MeanIou"/>),
    /// lowest first; all-void images last.
    /// </summary>
    public static IReadOnlyList<int> Worst(IReadOnlyList<SegmentationSample> samples, IReadOnlyList<byte[]> predicted, SegmentationTask task, int count)
    {
        CheckCount(samples, predicted, "the predictor");
        return Enumerable.Range(0, samples.Count)
            .Select(i => (Index: i, Score: MeanIou(predicted[i], Truth(samples[i]), task.ClassCount)))
            .OrderBy(x => double.IsNaN(x.Score)).ThenBy(x => x.Score).ThenBy(x => x.Index)
            .Take(count).Select(x => x.Index).ToList();
    }

    /// <summary>
    /// The indices of the <paramref name="count"/> samples whose per-image mIoU differs most between the
    /// predictors (largest max − min), largest first.
    /// </summary>
    public static IReadOnlyList<int> MostDifferent(IReadOnlyList<SegmentationSample> samples,
        IReadOnlyDictionary<string, byte[][]> byPredictor, SegmentationTask task, int count)
    {
        if (byPredictor.Count == 0) throw new ArgumentException("At least one predictor's labels are needed.", nameof(byPredictor));
        foreach (var (name, labels) in byPredictor) CheckCount(samples, labels, name);
        return Enumerable.Range(0, samples.Count)
            .Select(i =>
            {
                var truth = Truth(samples[i]);
                var scores = byPredictor.Values.Select(p => MeanIou(p[i], truth, task.ClassCount)).Where(double.IsFinite).ToList();
                return (Index: i, Spread: scores.Count == 0 ? 0 : scores.Max() - scores.Min());
            })
            .OrderByDescending(x => x.Spread).ThenBy(x => x.Index)
            .Take(count).Select(x => x.Index).ToList();
    }

    /// <summary>
    /// One row per sample, before any prediction: image | label map in the class colours | the label map blended over
    /// the image, with the class legend under the title.
    /// </summary>
    public static Gallery Samples(IEnumerable<SegmentationSample> samples, SegmentationTask task, string? title = null, int tileWidth = 160)
    {
        var rows = samples.Select(s =>
        {
            var truth = Truth(s);
            return new[]
            {
                MaskImages.Image(s.Image, s.Height, s.Width, s.Name),
                LabelMapImages.Colour(truth, s.Height, s.Width, task, "label map"),
                LabelMapImages.Overlay(s.Image, truth, s.Height, s.Width, task, title: "overlay"),
            };
        });
        return WithLegend(Gallery.FromRows(rows, title, tileWidth), task);
    }

    /// <summary>One row per chosen sample: image | truth | prediction | error map (captioned with its mIoU and pixel accuracy).</summary>
    public static Gallery Rows(IReadOnlyList<SegmentationSample> samples, IReadOnlyList<byte[]> predicted, IEnumerable<int> indices,
                               SegmentationTask task, string? title = null, int tileWidth = 160)
    {
        CheckCount(samples, predicted, "the predictor");
        var rows = indices.Select(i =>
        {
            var s = samples[i];
            var truth = Truth(s);
            return new[]
            {
                MaskImages.Image(s.Image, s.Height, s.Width, s.Name),
                LabelMapImages.Colour(truth, s.Height, s.Width, task, "ground truth"),
                LabelMapImages.Colour(predicted[i], s.Height, s.Width, task, "prediction"),
                LabelMapImages.Errors(predicted[i], truth, s.Height, s.Width, task, "errors: " + Scores(predicted[i], truth, task)),
            };
        });
        return WithLegend(Gallery.FromRows(rows, Title(title), tileWidth), task);
    }

    /// <summary>
    /// One row per chosen sample: image | truth | for each predictor its prediction and its error map (the error
    /// map alone beyond three predictors, so that a row still fits a page), captioned with the predictor's name and scores.
    /// </summary>
    public static Gallery Compare(IReadOnlyList<SegmentationSample> samples, IReadOnlyDictionary<string, byte[][]> byPredictor,
                                  IEnumerable<int> indices, SegmentationTask task, string? title = null, int tileWidth = 128)
    {
        if (byPredictor.Count == 0) throw new ArgumentException("At least one predictor's labels are needed.", nameof(byPredictor));
        foreach (var (name, labels) in byPredictor) CheckCount(samples, labels, name);
        bool withPredictions = byPredictor.Count <= 3;
        var rows = indices.Select(i =>
        {
            var s = samples[i];
            var truth = Truth(s);
            var row = new List<PngImage>
            {
                MaskImages.Image(s.Image, s.Height, s.Width, s.Name),
                LabelMapImages.Colour(truth, s.Height, s.Width, task, "ground truth"),
            };
            foreach (var (name, labels) in byPredictor)
            {
                if (withPredictions) row.Add(LabelMapImages.Colour(labels[i], s.Height, s.Width, task, $"{name}: prediction"));
                row.Add(LabelMapImages.Errors(labels[i], truth, s.Height, s.Width, task, $"{name}: {Scores(labels[i], truth, task)}"));
            }
            return row;
        });
        return WithLegend(Gallery.FromRows(rows, Title(title), tileWidth), task);
    }

    private static Gallery WithLegend(Gallery gallery, SegmentationTask task) => gallery with { CaptionHtml = LabelMapImages.LegendHtml(task) };

    private static string Title(string? title) => (title is null ? "" : title + " — ") + ErrorLegend;

    private static string Scores(byte[] predicted, byte[] truth, SegmentationTask task) => string.Create(CultureInfo.InvariantCulture,
        $"mIoU {MeanIou(predicted, truth, task.ClassCount):0.000}, acc {PixelAccuracy(predicted, truth):0.000}");

    private static void Check(byte[] predicted, byte[] truth)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(truth);
        if (predicted.Length != truth.Length)
            throw new ArgumentException($"Prediction ({predicted.Length} pixels) and truth ({truth.Length}) differ in size.");
    }

    private static void CheckCount(IReadOnlyList<SegmentationSample> samples, IReadOnlyList<byte[]> labels, string name)
    {
        if (labels.Count != samples.Count)
            throw new ArgumentException($"{name} has {labels.Count} label maps for {samples.Count} samples.");
    }
}
