using Asm.Research.Data.Tasks;

namespace Asm.Research.Data;

/// <summary>
/// Each class's share of the labelled pixels of a set of samples, counted twice: at the working size (the label
/// maps training and the model-size metrics read) and at the original size (<see cref="SegmentationSample.Original"/>,
/// the files' own resolution). Label maps are resized by nearest neighbour, which can thin out a class a few pixels
/// wide; a working share well below the original one shows it. Void pixels count in neither.
/// </summary>
/// <param name="Classes">The class names, label order.</param>
/// <param name="Working">Pixels of each class at the working size.</param>
/// <param name="Original">Pixels of each class at the original size.</param>
public sealed record ClassPixelShares(IReadOnlyList<string> Classes, long[] Working, long[] Original)
{
    /// <summary>Each class's share of the non-void pixels at the working size; null when no pixel is labelled.</summary>
    public double?[] WorkingShares => Shares(Working);

    /// <summary>Each class's share of the non-void pixels at the original size; null when no pixel is labelled.</summary>
    public double?[] OriginalShares => Shares(Original);

    /// <summary>Counts the classes of <paramref name="task"/> in the label maps of <paramref name="samples"/>, at both sizes.</summary>
    /// <exception cref="ArgumentException">A label that is neither a class of the task nor void (names the sample and the value).</exception>
    public static ClassPixelShares Of(IEnumerable<SegmentationSample> samples, SegmentationTask task)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(task);
        int classes = task.ClassCount;
        var working = new long[classes];
        var original = new long[classes];
        foreach (var sample in samples)
        {
            foreach (float value in sample.Mask) Count(working, MathF.Round(value), sample.Name, "working-size");
            foreach (byte value in sample.Original.Values) Count(original, value, sample.Name, "original");
        }
        return new ClassPixelShares(task.ClassNames, working, original);
    }

    private static void Count(long[] counts, float label, string sample, string which)
    {
        if (label == SegmentationTask.VoidLabel) return;
        if (label < 0 || label >= counts.Length)
            throw new ArgumentException($"{sample}: its {which} label map holds {label}, neither one of the {counts.Length} classes nor void ({SegmentationTask.VoidLabel})");
        counts[(int)label]++;
    }

    private static double?[] Shares(long[] counts)
    {
        long total = counts.Sum();
        return counts.Select(c => total == 0 ? (double?)null : (double)c / total).ToArray();
    }
}
