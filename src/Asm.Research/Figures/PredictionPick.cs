using Asm.Research.Data;
using Asm.Research.Data.Tasks;
using Asm.Research.Visuals;

namespace Asm.Research.Figures;

/// <summary>
/// One test image chosen for a qualitative figure, with every predictor's per-image scores on it (predictor order).
/// Per-image mIoU is <see cref="LabelPredictionViews.MeanIou"/>: over the classes in the image's truth or prediction.
/// </summary>
/// <param name="Index">The sample's index in the test set.</param>
/// <param name="Image">The sample's name.</param>
/// <param name="MeanIou">Each predictor's per-image mIoU (NaN for an all-void image).</param>
/// <param name="PixelAccuracy">Each predictor's per-image pixel accuracy, void left out.</param>
public sealed record PredictionPick(int Index, string Image, IReadOnlyList<double> MeanIou, IReadOnlyList<double> PixelAccuracy)
{
    /// <summary>The largest minus the smallest per-image mIoU: how much the predictors disagree on this image.</summary>
    public double Spread => MeanIou.Where(double.IsFinite).DefaultIfEmpty(0).Max() - MeanIou.Where(double.IsFinite).DefaultIfEmpty(0).Min();

    /// <summary>
    /// The <paramref name="count"/> samples on which the predictors' per-image mIoU differs most (largest max − min,
    /// <see cref="LabelPredictionViews.MostDifferent"/>), largest first, each with every predictor's scores. Where the
    /// predictors differ most is where a method's effect is visible rather than drowned in what all of them get wrong.
    /// </summary>
    /// <param name="samples">The test samples (truth as class indices, 255 void).</param>
    /// <param name="predictors">Predictor name → one label map per sample; the scores follow this order.</param>
    /// <param name="task">The classes.</param>
    /// <param name="count">How many images (at most the samples').</param>
    /// <exception cref="ArgumentException">No predictors, or one without a map per sample.</exception>
    public static IReadOnlyList<PredictionPick> MostDifferent(IReadOnlyList<SegmentationSample> samples,
        IReadOnlyDictionary<string, byte[][]> predictors, SegmentationTask task, int count) =>
        LabelPredictionViews.MostDifferent(samples, predictors, task, Math.Min(count, samples.Count)).Select(i =>
        {
            var truth = LabelPredictionViews.Truth(samples[i]);
            return new PredictionPick(i, samples[i].Name,
                predictors.Values.Select(p => LabelPredictionViews.MeanIou(p[i], truth, task.ClassCount)).ToList(),
                predictors.Values.Select(p => LabelPredictionViews.PixelAccuracy(p[i], truth)).ToList());
        }).ToList();
}
