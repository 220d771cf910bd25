using Asm.Research.Metrics;

namespace Asm.Research.Visuals;

/// <summary>One method's metrics: means and, over several runs (seeds), standard deviations.</summary>
/// <param name="Method">Row label, e.g. "bce" or "asm".</param>
/// <param name="Mean">Metric name → mean value.</param>
/// <param name="Std">Metric name → standard deviation, or null for a single run.</param>
/// <param name="Runs">Number of runs averaged, if known.</param>
public sealed record MetricsRow(string Method, IReadOnlyDictionary<string, double> Mean,
                                IReadOnlyDictionary<string, double>? Std = null, int? Runs = null)
{
    /// <summary>Mean and sample standard deviation (<see cref="MeanStd"/>) per metric over several runs of one method.</summary>
    public static MetricsRow FromRuns(string method, IReadOnlyList<IReadOnlyDictionary<string, double>> runs)
    {
        if (runs.Count == 0) throw new ArgumentException("At least one run is needed.", nameof(runs));
        var names = runs.SelectMany(r => r.Keys).Distinct().ToList();
        var mean = new Dictionary<string, double>();
        var std = new Dictionary<string, double>();
        foreach (var name in names)
        {
            var stats = MeanStd.Of(runs.Where(r => r.ContainsKey(name)).Select(r => r[name]));
            mean[name] = stats.Mean;
            std[name] = stats.Std;
        }
        return new MetricsRow(method, mean, runs.Count > 1 ? std : null, runs.Count);
    }
}
