namespace Asm.Research.Metrics;

/// <summary>
/// Mean and sample standard deviation (n − 1) of a score over runs (seeds): the one statistic the
/// kit reports, in the CLI, the notebooks and the docs alike. The std is 0 for a single run.
/// </summary>
/// <param name="Mean">The mean.</param>
/// <param name="Std">The sample standard deviation (0 for one value).</param>
/// <param name="Count">How many values.</param>
public readonly record struct MeanStd(double Mean, double Std, int Count)
{
    /// <summary>Mean and sample std of <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentException">No values.</exception>
    public static MeanStd Of(IEnumerable<double> values)
    {
        var list = values as IReadOnlyList<double> ?? values.ToList();
        if (list.Count == 0) throw new ArgumentException("At least one value is needed.", nameof(values));
        double mean = list.Average();
        double std = list.Count > 1 ? Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1)) : 0;
        return new MeanStd(mean, std, list.Count);
    }
}
