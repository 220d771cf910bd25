using Asm.Research.Metrics;

namespace Asm.Research.Training;

/// <summary>Mean and sample standard deviation of each metric over the seeds of each method.</summary>
public static class ComparisonSummary
{
    /// <summary>The summarised keys: model-resolution metrics, "_original" ones, and train seconds.</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        "iou", "iou_pooled", "miou", "pixel_acc", "boundary_f", "boundary_iou",
        "iou_original", "iou_pooled_original", "miou_original", "pixel_acc_original", "boundary_f_original", "boundary_iou_original",
        "train_seconds",
    ];

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
        bool original = key.EndsWith("_original", StringComparison.Ordinal);
        var scores = original ? run.TestOriginal : run.Test;
        string metric = original ? key[..^"_original".Length] : key;
        return metric switch
        {
            "iou" => scores.Iou,
            "iou_pooled" => scores.IouPooled,
            "miou" => scores.MIou,
            "pixel_acc" => scores.PixelAcc,
            "boundary_f" => scores.BoundaryF,
            "boundary_iou" => scores.BoundaryIou,
            "train_seconds" => run.TrainSeconds,
            _ => throw new ArgumentException($"unknown summary key '{key}'", nameof(key)),
        };
    }

    private static double[] MeanStd(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        double std = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;
        return [mean, std];
    }
}
