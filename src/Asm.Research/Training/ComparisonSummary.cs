using Asm.Research.Metrics;

namespace Asm.Research.Training;

/// <summary>Mean and sample standard deviation of each metric over the seeds of each method.</summary>
public static class ComparisonSummary
{
    /// <summary>The summarised keys: model-resolution metrics, "_original" ones, and train seconds.</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        .. SegmentationScores.Fields.Select(f => f.Key),
        .. SegmentationScores.Fields.Select(f => f.Key + OriginalSuffix),
        TrainSeconds,
    ];

    private const string OriginalSuffix = "_original", TrainSeconds = "train_seconds";

    /// <summary>method → key → [mean, std] (std 0 for a single seed), methods in first-seen order.</summary>
    public static Dictionary<string, Dictionary<string, double[]>> Of(IEnumerable<RunResult> runs) =>
        runs.GroupBy(r => r.Method).ToDictionary(g => g.Key, g => Keys.ToDictionary(k => k, k => MeanStd(g.Select(r => Value(r, k)).ToList())));

    /// <summary>
    /// label → key → [mean, std] for labelled records (e.g. <c>RunRecords.Read</c>'s, where seeds of one
    /// setting share a label), labels in first-seen order, with the number of runs behind each.
    /// </summary>
    public static IReadOnlyList<(string Label, int Runs, Dictionary<string, double[]> Values)> ByLabel(IEnumerable<(string Label, RunResult Run)> records) =>
        records.GroupBy(r => r.Label)
               .Select(g => (g.Key, g.Count(), Keys.ToDictionary(k => k, k => MeanStd(g.Select(r => Value(r.Run, k)).ToList()))))
               .ToList();

    /// <summary>One key's value in a run record.</summary>
    public static double Value(RunResult run, string key)
    {
        if (key == TrainSeconds) return run.TrainSeconds;
        bool original = key.EndsWith(OriginalSuffix, StringComparison.Ordinal);
        string metric = original ? key[..^OriginalSuffix.Length] : key;
        var field = SegmentationScores.Fields.FirstOrDefault(f => f.Key == metric)
            ?? throw new ArgumentException($"unknown summary key '{key}'", nameof(key));
        return field.Read(original ? run.TestOriginal : run.Test);
    }

    private static double[] MeanStd(IReadOnlyList<double> values) => Metrics.MeanStd.Of(values) is var s ? [s.Mean, s.Std] : [];
}
