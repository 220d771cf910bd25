namespace Asm.Research.Data;

/// <summary>
/// Reads masks as their author meant them, whatever the two levels: 0/1 or 0/255, any foreground
/// value or colour, JPEG noise included. The levels are decided once per data set from all mask
/// pixels (Otsu's split of the pooled histogram, then the most common value on each side); each
/// file must then be two-level under that decision, or it is refused naming the file.
/// </summary>
internal static class MaskInterpretation
{
    /// <summary>
    /// Largest share of a mask's pixels allowed well between the two levels (in the middle half of
    /// the gap), for antialiased edges. Measured on the 280 Weizmann masks (JPEG): no pixel lies
    /// there; a photo used as a mask has most of its pixels there.
    /// </summary>
    internal const double MaxAmbiguousShare = 0.05;

    /// <summary>Share of pixels off the background level that makes an all-background mask suspect (its own levels are not the data set's).</summary>
    private const double MaxStrayShare = 0.01;

    /// <summary>Decides the data set's two levels from every mask.</summary>
    /// <exception cref="DataException">Every mask has a single grey value: no foreground anywhere.</exception>
    public static MaskLevels Decide(IReadOnlyList<GreyMask> masks, string folder)
    {
        var pooled = new long[256];
        foreach (var mask in masks)
        {
            var h = mask.Histogram();
            for (int v = 0; v < 256; v++) pooled[v] += h[v];
        }
        int split = OtsuSplit(pooled);
        if (split < 0)
        {
            int only = Array.FindIndex(pooled, c => c > 0);
            throw new DataException(
                $"{folder}: all {masks.Count} masks are empty (every pixel of every mask, e.g. {masks[0].Path}, has grey value {only}); " +
                "there is no foreground to learn. Check the mask folder.", folder);
        }
        return new MaskLevels(Mode(pooled, 0, split), Mode(pooled, split + 1, 255));
    }

    /// <summary>Binarises one mask under the data set's levels (1 = foreground).</summary>
    /// <exception cref="DataException">The mask is not two-level, or uses other levels than the data set.</exception>
    public static LabelMask Binarise(GreyMask mask, MaskLevels levels)
    {
        byte threshold = levels.Threshold;
        int gap = levels.Foreground - levels.Background;
        double low = levels.Background + gap / 4.0, high = levels.Foreground - gap / 4.0;
        var values = new byte[mask.Values.Length];
        long foreground = 0, ambiguous = 0, stray = 0;
        for (int i = 0; i < values.Length; i++)
        {
            byte v = mask.Values[i];
            if (v >= threshold) { values[i] = 1; foreground++; }
            if (v > low && v < high) ambiguous++;
            if (v != levels.Background) stray++;
        }
        double n = Math.Max(values.Length, 1);
        if (ambiguous / n > MaxAmbiguousShare)
            throw new DataException(
                $"{mask.Path} is not a two-level mask: {ambiguous / n:P1} of its pixels lie well between the data set's levels " +
                $"{levels.Background} and {levels.Foreground} (at most {MaxAmbiguousShare:P0} allowed, for antialiased or JPEG edges). " +
                "Masks must have one background and one foreground value.", mask.Path);
        if (foreground == 0 && stray / n > MaxStrayShare)
            throw new DataException(
                $"{mask.Path}: no pixel reaches the data set's foreground level ({levels}), yet {stray / n:P1} of its pixels differ from " +
                $"the background {levels.Background} (values up to {mask.Values.Max()}): it seems to use other levels than the other masks. " +
                "Save every mask with the same two values (e.g. all 0/255).", mask.Path);
        return new LabelMask(mask.Width, mask.Height, values);
    }

    /// <summary>Otsu's threshold: the last grey value of the dark class that maximises the between-class variance; −1 if a single value is used.</summary>
    private static int OtsuSplit(long[] histogram)
    {
        double total = histogram.Sum(), sum = 0;
        for (int v = 0; v < 256; v++) sum += (double)v * histogram[v];
        double weightDark = 0, sumDark = 0, best = -1;
        int split = -1;
        for (int t = 0; t < 255; t++)
        {
            weightDark += histogram[t];
            sumDark += (double)t * histogram[t];
            double weightBright = total - weightDark;
            if (weightDark == 0 || weightBright == 0) continue;
            double meanDark = sumDark / weightDark, meanBright = (sum - sumDark) / weightBright;
            double between = weightDark * weightBright * (meanDark - meanBright) * (meanDark - meanBright);
            if (between > best) { best = between; split = t; }
        }
        return split;
    }

    private static byte Mode(long[] histogram, int from, int to)
    {
        int mode = from;
        for (int v = from; v <= to; v++) if (histogram[v] > histogram[mode]) mode = v;
        return (byte)mode;
    }
}
