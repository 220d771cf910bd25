namespace Asm.Research.Losses;

/// <summary>Class weights from the label statistics of a training set, for <see cref="CrossEntropyLoss"/>.</summary>
public static class ClassFrequencyWeights
{
    /// <summary>
    /// Median-frequency balancing (Eigen &amp; Fergus, ICCV 2015; SegNet's class weights):
    /// w_c = median_{c' appears} f_{c'} / f_c, with f_c = (pixels of class c) / (non-void pixels of
    /// the images in which c appears). Void (<see cref="OneHotLabels.Void"/>) pixels count in
    /// neither. The median is over the classes that appear at all (for an even count, the mean of
    /// the two middle values); a class that never appears gets weight 0 (it cannot occur in the
    /// loss either).
    /// </summary>
    /// <param name="labelMaps">Label maps, one class index per pixel (any size each).</param>
    /// <param name="classes">C, 1…255.</param>
    /// <returns>C weights.</returns>
    /// <exception cref="ArgumentException">C out of range, a null map, a label outside 0…C−1 that is
    /// not void, or no non-void pixel at all.</exception>
    public static double[] MedianFrequency(IEnumerable<byte[]> labelMaps, int classes)
    {
        ArgumentNullException.ThrowIfNull(labelMaps);
        if (classes < 1 || classes >= OneHotLabels.Void)
            throw new ArgumentException($"Median frequency: the class count must be in 1..{OneHotLabels.Void - 1} (got {classes}).", nameof(classes));
        var classPixels = new long[classes];
        var imagePixels = new long[classes];
        var counts = new long[classes];
        int mapIndex = 0;
        foreach (var map in labelMaps)
        {
            if (map is null) throw new ArgumentException($"Median frequency: label map {mapIndex} is null.", nameof(labelMaps));
            Array.Clear(counts);
            long valid = 0;
            foreach (byte label in map)
            {
                if (label == OneHotLabels.Void) continue;
                if (label >= classes)
                    throw new ArgumentException(
                        $"Median frequency: label {label} in map {mapIndex} is outside 0..{classes - 1} and is not void ({OneHotLabels.Void}).", nameof(labelMaps));
                counts[label]++;
                valid++;
            }
            for (int c = 0; c < classes; c++)
            {
                if (counts[c] == 0) continue;
                classPixels[c] += counts[c];
                imagePixels[c] += valid;
            }
            mapIndex++;
        }
        var frequency = new double[classes];
        for (int c = 0; c < classes; c++)
            frequency[c] = imagePixels[c] == 0 ? 0 : (double)classPixels[c] / imagePixels[c];
        var present = frequency.Where(f => f > 0).Order().ToArray();
        if (present.Length == 0)
            throw new ArgumentException("Median frequency: the label maps hold no non-void pixel.", nameof(labelMaps));
        int middle = present.Length / 2;
        double median = present.Length % 2 == 1 ? present[middle] : (present[middle - 1] + present[middle]) / 2;
        return frequency.Select(f => f > 0 ? median / f : 0).ToArray();
    }
}
