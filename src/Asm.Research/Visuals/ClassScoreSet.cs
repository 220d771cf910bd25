using Asm.Research.Metrics.Classes;
using Asm.Research.Training;

namespace Asm.Research.Visuals;

/// <summary>A per-class score that the class views can show: IoU, accuracy (recall) or boundary F.</summary>
public enum ClassMetric
{
    /// <summary>Per-class IoU from the pooled confusion matrix.</summary>
    Iou,

    /// <summary>Per-class accuracy: the share of the class's truth pixels predicted as it.</summary>
    Accuracy,

    /// <summary>Per-class boundary F, averaged over the images where it is defined.</summary>
    BoundaryF,
}

/// <summary>
/// One setting's per-class scores over its seeds (a multi-class method, say), as the class views show it:
/// per-class means over the seeds where the class is present, the confusion matrices summed, the named
/// confusion pairs averaged.
/// </summary>
/// <param name="Label">The setting's name, e.g. "asm+ce".</param>
/// <param name="Seeds">Each seed's <see cref="ClassScores"/>; all of the same classes.</param>
public sealed record ClassScoreSet(string Label, IReadOnlyList<ClassScores> Seeds)
{
    /// <summary>The class names, label order.</summary>
    public IReadOnlyList<string> Classes => Seeds[0].Classes;

    /// <summary>One setting of one or more seeds.</summary>
    /// <exception cref="ArgumentException">No seeds, or seeds of different classes.</exception>
    public static ClassScoreSet Of(string label, params ClassScores[] seeds)
    {
        if (seeds.Length == 0) throw new ArgumentException($"{label}: a setting needs at least one seed's class scores.", nameof(seeds));
        if (seeds.Any(s => !s.Classes.SequenceEqual(seeds[0].Classes)))
            throw new ArgumentException($"{label}: its seeds were scored on different classes.", nameof(seeds));
        return new ClassScoreSet(label, seeds);
    }

    /// <summary>
    /// The multi-class runs of <paramref name="runs"/> grouped by label, in first-seen order; runs without
    /// per-class scores (binary ones) are left out.
    /// </summary>
    public static IReadOnlyList<ClassScoreSet> FromRuns(IEnumerable<(string Label, RunResult Run)> runs) =>
        runs.Where(r => r.Run.Test.Classes is not null)
            .GroupBy(r => r.Label)
            .Select(g => Of(g.Key, g.Select(r => r.Run.Test.Classes!).ToArray()))
            .ToList();

    /// <summary>
    /// The metric per class, the mean over the seeds where the class was present; null where it never was
    /// (a gap in a chart, a dash in a table: absent is not 0).
    /// </summary>
    public double?[] Mean(ClassMetric metric) =>
        Enumerable.Range(0, Classes.Count).Select(c => MeanOf(PerSeed(metric, c))).ToArray();

    /// <summary>The metric of class <paramref name="index"/> in each seed, seed order; null where the class was absent.</summary>
    public IReadOnlyList<double?> PerSeed(ClassMetric metric, int index) => Seeds.Select(s => Values(s, metric)[index]).ToList();

    /// <summary>The seeds' confusion matrices summed (rows truth, columns prediction; void not counted).</summary>
    public long[][] Confusion()
    {
        int n = Classes.Count;
        var sum = Enumerable.Range(0, n).Select(_ => new long[n]).ToArray();
        foreach (var seed in Seeds)
            for (int t = 0; t < n; t++)
                for (int p = 0; p < n; p++) sum[t][p] += seed.Confusion[t][p];
        return sum;
    }

    /// <summary>The share of the seeds' counted pixels (summed) off the diagonal; null when there are none.</summary>
    public double? OffDiagonal()
    {
        var confusion = Confusion();
        long total = confusion.Sum(r => r.Sum()), diagonal = confusion.Select((r, i) => r[i]).Sum();
        return total == 0 ? null : 1 - (double)diagonal / total;
    }

    /// <summary>Each named confusion pair: A's share predicted as B and B's as A, means over the seeds where defined.</summary>
    public IReadOnlyList<ConfusionPairScore> Pairs() =>
        Seeds[0].Pairs.Select((pair, k) => new ConfusionPairScore(pair.A, pair.B,
            MeanOf(Seeds.Select(s => s.Pairs[k].AAsB)), MeanOf(Seeds.Select(s => s.Pairs[k].BAsA)))).ToList();

    /// <summary>
    /// The metric per class as a <see cref="MetricsTable"/> row keyed by class name: mean ± sample std over the seeds
    /// where the class has a score; a class that never has one is left out (a dash in the table, not 0).
    /// </summary>
    public MetricsRow Row(ClassMetric metric) =>
        Pooled(Classes, s => Classes.Select((name, c) => (name, Values(s, metric)[c])));

    /// <summary>
    /// The named confusion pairs as a <see cref="MetricsTable"/> row, mean ± sample std over the seeds: "A→B" is the
    /// share of A's pixels predicted as B (both directions of every pair), "off-diagonal" the share of all counted
    /// pixels predicted wrong. A direction whose class has no truth pixels in a seed is left out of that seed.
    /// </summary>
    public MetricsRow PairRow()
    {
        static IEnumerable<(string Key, double? Value)> Shares(ClassScores s) => s.Pairs
            .SelectMany(p => new[] { ($"{p.A}→{p.B}", p.AAsB), ($"{p.B}→{p.A}", p.BAsA) })
            .Append(("off-diagonal", s.OffDiagonal));
        return Pooled(Shares(Seeds[0]).Select(v => v.Key).ToList(), Shares);
    }

    /// <summary>A display name for a metric, e.g. "boundary F".</summary>
    public static string Name(ClassMetric metric) => metric switch
    {
        ClassMetric.Iou => "IoU",
        ClassMetric.Accuracy => "accuracy",
        ClassMetric.BoundaryF => "boundary F",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    private static double?[] Values(ClassScores s, ClassMetric metric) => metric switch
    {
        ClassMetric.Iou => s.Iou,
        ClassMetric.Accuracy => s.Accuracy,
        ClassMetric.BoundaryF => s.BoundaryF,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    // Mean ± sample std of each key over the seeds where it has a finite value, the keys in the given order.
    private MetricsRow Pooled(IReadOnlyList<string> keys, Func<ClassScores, IEnumerable<(string Key, double? Value)>> values)
    {
        var row = MetricsRow.FromRuns(Label, Seeds.Select(s => (IReadOnlyDictionary<string, double>)values(s)
            .Where(v => v.Value is { } x && double.IsFinite(x)).ToDictionary(v => v.Key, v => v.Value!.Value)).ToList());
        Dictionary<string, double> Ordered(IReadOnlyDictionary<string, double> d) => keys.Where(d.ContainsKey).ToDictionary(k => k, k => d[k]);
        return row with { Mean = Ordered(row.Mean), Std = row.Std is null ? null : Ordered(row.Std) };
    }

    private static double? MeanOf(IEnumerable<double?> values)
    {
        var present = values.OfType<double>().Where(double.IsFinite).ToList();
        return present.Count == 0 ? null : present.Average();
    }
}
