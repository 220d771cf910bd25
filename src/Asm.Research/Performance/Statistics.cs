namespace Asm.Research.Performance;

/// <summary>Small statistics helpers for benchmarks.</summary>
public static class Statistics
{
    /// <summary>The median of a non-empty list.</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("no values", nameof(values));
        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
