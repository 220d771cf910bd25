namespace Asm.Research.Visuals;

/// <summary>A named sequence of (x, y) points, e.g. one loss over training steps.</summary>
/// <param name="Name">Legend entry.</param>
/// <param name="X">X values (steps).</param>
/// <param name="Y">Y values, as many as <paramref name="X"/>.</param>
public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)
{
    /// <summary>A series from (step, value) pairs.</summary>
    public static Series From(string name, IEnumerable<(double Step, double Value)> points)
    {
        var list = points.ToList();
        return new Series(name, list.Select(p => p.Step).ToArray(), list.Select(p => p.Value).ToArray());
    }

    /// <summary>A series from values at steps 0, 1, 2, ….</summary>
    public static Series From(string name, IEnumerable<double> values)
    {
        var y = values.ToArray();
        return new Series(name, Enumerable.Range(0, y.Length).Select(i => (double)i).ToArray(), y);
    }

    /// <summary>
    /// Exponential moving average with TensorBoard's debiasing: weight <paramref name="smoothing"/> in
    /// [0, 1) on the past (0 returns the series unchanged). Non-finite values are skipped.
    /// </summary>
    public Series Smoothed(double smoothing)
    {
        if (smoothing is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(smoothing), smoothing, "Smoothing must be in [0, 1).");
        if (smoothing == 0) return this;
        var y = new double[Y.Count];
        double last = 0, weight = 0;
        for (int i = 0; i < y.Length; i++)
        {
            if (double.IsFinite(Y[i]))
            {
                last = smoothing * last + (1 - smoothing) * Y[i];
                weight = smoothing * weight + (1 - smoothing);
            }
            y[i] = weight > 0 ? last / weight : double.NaN;
        }
        return this with { Y = y };
    }
}
