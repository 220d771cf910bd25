using Asm.Research.Data;

namespace Asm.Research.Visuals;

/// <summary>
/// Predictions beside the ground truth: per-image error maps (false positives and false negatives
/// in two colours, see <see cref="MaskImages.ErrorLegend"/>), several methods side by side, the
/// test images on which methods differ most, and close-ups of the region where they disagree.
/// Probabilities are Size×Size row-major maps in [0,1] (e.g. <c>Experiment.Predict</c>), thresholded at 0.5.
/// </summary>
public static class PredictionViews
{
    /// <summary>Foreground IoU of one thresholded prediction against its mask (1 when both are empty).</summary>
    public static double Iou(float[] probability, float[] mask)
    {
        if (probability.Length != mask.Length)
            throw new ArgumentException($"Prediction ({probability.Length} values) and mask ({mask.Length}) differ in size.");
        long intersection = 0, union = 0;
        for (int i = 0; i < mask.Length; i++)
        {
            bool p = probability[i] > 0.5f, t = mask[i] > 0.5f;
            if (p && t) intersection++;
            if (p || t) union++;
        }
        return union == 0 ? 1 : (double)intersection / union;
    }

    /// <summary>One row per sample: image | ground truth | predicted probability | error map.</summary>
    public static Gallery Rows(IReadOnlyList<SegmentationSample> samples, IReadOnlyList<float[]> probabilities,
                               IEnumerable<int> indices, string? title = null, int tileWidth = 128)
    {
        var rows = indices.Select(i =>
        {
            var s = samples[i];
            return new[]
            {
                MaskImages.Image(s.Image, s.Height, s.Width, s.Name),
                MaskImages.Mask(s.Mask, s.Height, s.Width, "ground truth"),
                MaskImages.Mask(probabilities[i], s.Height, s.Width, "prediction p"),
                Error(s, probabilities[i], $"IoU {Iou(probabilities[i], s.Mask):0.000}"),
            };
        });
        return Gallery.FromRows(rows, (title is null ? "" : title + " — ") + MaskImages.ErrorLegend, tileWidth);
    }

    /// <summary>
    /// The indices of the <paramref name="count"/> samples whose IoU differs most between the
    /// methods (largest max − min), largest difference first.
    /// </summary>
    public static IReadOnlyList<int> MostDifferent(IReadOnlyList<SegmentationSample> samples,
                                                   IReadOnlyDictionary<string, float[][]> byMethod, int count)
    {
        CheckMethods(samples, byMethod);
        return Enumerable.Range(0, samples.Count)
            .Select(i => (Index: i, Spread: Spread(samples[i], byMethod.Values.Select(p => p[i]))))
            .OrderByDescending(x => x.Spread).ThenBy(x => x.Index)
            .Take(count).Select(x => x.Index).ToList();
    }

    /// <summary>One row per sample: image | ground truth | each method's error map captioned with its IoU.</summary>
    public static Gallery Compare(IReadOnlyList<SegmentationSample> samples, IReadOnlyDictionary<string, float[][]> byMethod,
                                  IEnumerable<int> indices, string? title = null, int tileWidth = 128)
    {
        CheckMethods(samples, byMethod);
        var rows = indices.Select(i =>
        {
            var s = samples[i];
            var row = new List<PngImage>
            {
                MaskImages.Image(s.Image, s.Height, s.Width, s.Name),
                MaskImages.Mask(s.Mask, s.Height, s.Width, "ground truth"),
            };
            row.AddRange(byMethod.Select(m => Error(s, m.Value[i], $"{m.Key}: IoU {Iou(m.Value[i], s.Mask):0.000}")));
            return row;
        });
        return Gallery.FromRows(rows, (title is null ? "" : title + " — ") + MaskImages.ErrorLegend, tileWidth);
    }

    /// <summary>
    /// Close-ups of the square window (side <paramref name="window"/>, default a quarter of the image)
    /// where the methods' thresholded predictions disagree on the most pixels (where they all agree,
    /// where they are most wrong): the image, the truth and each method's error map, enlarged.
    /// </summary>
    public static Gallery CloseUps(SegmentationSample sample, IReadOnlyDictionary<string, float[]> byMethod,
                                   int? window = null, int tileWidth = 160)
    {
        int height = sample.Height, width = sample.Width;
        int side = Math.Clamp(window ?? Math.Min(height, width) / 4, 4, Math.Min(height, width));
        var (x, y) = WorstWindow(sample, byMethod.Values.ToList(), side);
        int scale = Math.Max(1, tileWidth / side);
        var tiles = new List<PngImage>
        {
            MaskImages.CloseUp(MaskImages.Image(sample.Image, height, width), x, y, side, side, scale, sample.Name),
            MaskImages.CloseUp(MaskImages.Mask(sample.Mask, height, width), x, y, side, side, scale, "ground truth"),
        };
        tiles.AddRange(byMethod.Select(m =>
            MaskImages.CloseUp(Error(sample, m.Value, m.Key), x, y, side, side, scale, m.Key)));
        return new Gallery(tiles, tiles.Count,
            $"{sample.Name}: the {side}×{side} window whose top-left corner is at x = {x}, y = {y} (pixels from the image's left and top edges), where the methods disagree most — {MaskImages.ErrorLegend}", tileWidth);
    }

    private static PngImage Error(SegmentationSample s, float[] probability, string caption) =>
        MaskImages.ErrorMap(probability, s.Mask, s.Height, s.Width, s.Image) with { Title = caption };

    private static double Spread(SegmentationSample sample, IEnumerable<float[]> predictions)
    {
        var ious = predictions.Select(p => Iou(p, sample.Mask)).ToList();
        return ious.Max() - ious.Min();
    }

    // Pixel weights: 2 where the methods disagree, 1 where all agree but are wrong; the window with the largest sum.
    private static (int X, int Y) WorstWindow(SegmentationSample sample, IReadOnlyList<float[]> predictions, int side)
    {
        int rows = sample.Height, n = sample.Width;
        var integral = new long[(rows + 1) * (n + 1)];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < n; c++)
            {
                int i = r * n + c;
                int votes = predictions.Count(p => p[i] > 0.5f);
                bool truth = sample.Mask[i] > 0.5f;
                int weight = votes > 0 && votes < predictions.Count ? 2 : (votes > 0) != truth ? 1 : 0;
                integral[(r + 1) * (n + 1) + c + 1] = weight + integral[r * (n + 1) + c + 1] + integral[(r + 1) * (n + 1) + c] - integral[r * (n + 1) + c];
            }
        long best = -1;
        (int, int) at = (0, 0);
        for (int r = 0; r + side <= rows; r++)
            for (int c = 0; c + side <= n; c++)
            {
                long sum = integral[(r + side) * (n + 1) + c + side] - integral[r * (n + 1) + c + side]
                         - integral[(r + side) * (n + 1) + c] + integral[r * (n + 1) + c];
                if (sum > best) (best, at) = (sum, (c, r));
            }
        return at;
    }

    private static void CheckMethods(IReadOnlyList<SegmentationSample> samples, IReadOnlyDictionary<string, float[][]> byMethod)
    {
        if (byMethod.Count == 0) throw new ArgumentException("At least one method's predictions are needed.", nameof(byMethod));
        foreach (var (name, predictions) in byMethod)
            if (predictions.Length != samples.Count)
                throw new ArgumentException($"{name} has {predictions.Length} predictions for {samples.Count} samples.", nameof(byMethod));
    }
}
