using Asm.Research.Data.Tasks;
using Asm.Research.Metrics;
using Asm.Research.Sweeps;

namespace Asm.Research.Training;

/// <summary>Mean and sample standard deviation (n − 1) of each metric over the seeds of each method or setting.</summary>
public static class ComparisonSummary
{
    /// <summary>The summarised keys of figure-ground records: model-resolution metrics, "_original" ones, and train seconds.</summary>
    public static IReadOnlyList<string> Keys { get; } = KeysFor(TaskKinds.Binary);

    /// <summary>The summarised keys of a kind of task's records (multi-class: mIoU, class accuracy, … instead of foreground IoU).</summary>
    public static IReadOnlyList<string> KeysFor(TaskKinds kind) =>
    [
        .. SegmentationScores.FieldsFor(kind).Select(f => f.Key),
        .. SegmentationScores.FieldsFor(kind).Select(f => f.Key + OriginalSuffix),
        TrainSeconds,
    ];

    /// <summary>The keys of <paramref name="run"/>'s kind of task.</summary>
    public static IReadOnlyList<string> KeysOf(RunResult run) => KeysFor(run.Test.Kind);

    private const string OriginalSuffix = "_original", TrainSeconds = "train_seconds";

    /// <summary>method → key → [mean, std] (std 0 for a single seed), methods in first-seen order.</summary>
    public static Dictionary<string, Dictionary<string, double[]>> Of(IEnumerable<RunResult> runs) =>
        runs.GroupBy(r => r.Method).ToDictionary(g => g.Key, g => KeysOf(g.First()).ToDictionary(k => k, k => MeanStd(g.Select(r => Value(r, k)).ToList())));

    /// <summary>
    /// label → key → [mean, std] for labelled records (e.g. <c>RunRecords.Read</c>'s, where seeds of one
    /// setting share a label), labels in first-seen order, with the number of runs behind each.
    /// </summary>
    public static IReadOnlyList<(string Label, int Runs, Dictionary<string, double[]> Values)> ByLabel(IEnumerable<(string Label, RunResult Run)> records) =>
        records.GroupBy(r => r.Label)
               .Select(g => (g.Key, g.Count(), KeysOf(g.First().Run).ToDictionary(k => k, k => MeanStd(g.Select(r => Value(r.Run, k)).ToList()))))
               .ToList();

    /// <summary>
    /// Records grouped by setting — the config minus the seed and the environment keys
    /// (<see cref="ConfigKeys.Setting"/>), whatever the folders are called — seeds pooled, groups in
    /// first-seen order. Legacy records (no config) are grouped by method, size, epochs and data.
    /// Labels: a sweep's setting name (<c>asm+bce/asm.margin=0.4</c>) when every record of the group
    /// has the same one; else the method, plus the keys in which the group differs from its method's
    /// most common value (on a tie, the method's default, else the first group's); legacy groups are labelled by method alone
    /// while that is unambiguous. A label that two groups would share is followed, for a group with a config, by the keys in
    /// which it differs from its method's defaults (the data's location aside); a name still shared gets "#2", "#3".
    /// </summary>
    public static IReadOnlyList<RunGroup> ByConfig(IEnumerable<(string Path, RunResult Run)> records)
    {
        var groups = records
            .GroupBy(r => r.Run.Config is { } config
                ? "config " + string.Join("\n", ConfigKeys.Setting(config).Select(kv => $"{kv.Key}={kv.Value}"))
                : $"legacy {r.Run.Method}\n{r.Run.Size}\n{r.Run.Epochs}\n{r.Run.Data}")
            .Select(g => g.ToList())
            .ToList();
        var labels = Labels(groups);
        return groups.Select((g, i) => new RunGroup(labels[i], g[0].Run.IsLegacy, g,
            KeysOf(g[0].Run).ToDictionary(k => k, k => MeanStd(g.Select(r => Value(r.Run, k)).ToList())))).ToList();
    }

    private static List<string> Labels(List<List<(string Path, RunResult Run)>> groups)
    {
        var settings = groups.Select(g => g[0].Run.Config is { } c ? ConfigKeys.Setting(c) : null).ToList();
        // Per method, computed once (not once per group: 2,000 distinct settings took 100 s): how many legacy
        // groups share it, and each key's most common value among its groups with a config.
        var legacyCount = groups.Where((_, i) => settings[i] is null).GroupBy(g => g[0].Run.Method).ToDictionary(m => m.Key, m => m.Count());
        var usual = Enumerable.Range(0, groups.Count).Where(i => settings[i] is not null).GroupBy(i => groups[i][0].Run.Method)
            .ToDictionary(m => m.Key, m => UsualValues(m.Select(i => settings[i]!).ToList(), Presets(m.Key)));
        var labels = new List<string>();
        for (int i = 0; i < groups.Count; i++)
        {
            var first = groups[i][0].Run;
            var sweepSettings = groups[i].Select(r => r.Run.SweepRun is { } name && name.Contains('/') ? name[..name.LastIndexOf('/')] : null).Distinct().ToList();
            if (settings[i] is null)
                labels.Add(legacyCount[first.Method] > 1 ? $"{first.Method} ({first.Size} px, {first.Epochs} epochs, {first.Data})" : first.Method);
            else if (sweepSettings is [{ } sweepSetting])
                labels.Add(sweepSetting);
            else
            {
                var methodUsual = usual[first.Method];
                var distinct = settings[i]!.Where(kv => kv.Key != "method" && methodUsual.GetValueOrDefault(kv.Key) != kv.Value)
                    .Select(kv => $"{kv.Key}={kv.Value.Trim('"')}");
                labels.Add(string.Join(' ', [first.Method, .. distinct]));
            }
        }
        // A sweep's setting named like another group (a second stage's "bce" beside the bce records) says
        // how it differs from its method's defaults; only then do two groups that still share a name get a number.
        var named = labels.CountBy(l => l).ToDictionary();
        labels = labels.Select((l, i) => settings[i] is { } setting && named[l] > 1
                && string.Join(' ', FromPreset(groups[i][0].Run.Method, setting)) is { Length: > 0 } differences
            ? $"{l} ({differences})" : l).ToList();
        var seen = new Dictionary<string, int>();
        return labels.Select(l => (seen[l] = seen.GetValueOrDefault(l) + 1) is var n && n > 1 ? $"{l} #{n}" : l).ToList();
    }

    // Each key's most common value (null: most settings lack it) over one method's settings.
    private static Dictionary<string, string?> UsualValues(List<SortedDictionary<string, string>> settings, SortedDictionary<string, string>? preset) =>
        settings.SelectMany(s => s.Keys).Distinct()
            .ToDictionary(key => key, key => Mode(settings.Select(s => s.GetValueOrDefault(key)), preset?.GetValueOrDefault(key)));

    // The keys in which a setting differs from its method's defaults, the data's location aside (every
    // record of a study shares it); an init-from path by its last three folders.
    private static IEnumerable<string> FromPreset(string method, SortedDictionary<string, string> setting)
    {
        var preset = Presets(method);
        foreach (var (key, value) in setting)
        {
            if (key is "method" or "data.source" || preset?.GetValueOrDefault(key) == value) continue;
            string shown = value.Trim('"');
            if (key == ConfigKeys.InitFromKey && shown.Split('/') is { Length: > 3 } parts) shown = "…/" + string.Join('/', parts[^3..]);
            yield return $"{key}={shown}";
        }
    }

    // The most common value; on a tie the method's default if it is among them, else the first seen.
    private static string? Mode(IEnumerable<string?> values, string? preferred) =>
        values.Select((v, i) => (v, i)).GroupBy(x => x.v).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key == preferred)
              .ThenBy(g => g.First().i).First().Key;

    private static SortedDictionary<string, string>? Presets(string method)
    {
        try
        {
            return ConfigKeys.Setting(Configuration.ExperimentConfig.ForMethod(method));
        }
        catch (Exception e) when (e is ArgumentException or Configuration.ConfigException)
        {
            return null; // a method this kit does not know: no preset to prefer
        }
    }

    /// <summary>One key's value in a run record.</summary>
    public static double Value(RunResult run, string key)
    {
        if (key == TrainSeconds) return run.TrainSeconds;
        bool original = key.EndsWith(OriginalSuffix, StringComparison.Ordinal);
        string metric = original ? key[..^OriginalSuffix.Length] : key;
        var field = SegmentationScores.Fields.FirstOrDefault(f => f.Key == metric)
            ?? throw new ArgumentException($"unknown summary key '{key}'", nameof(key));
        // A score the record's task does not have (boundary IoU of a multi-class run) is NaN, never a made-up 0.
        return field.Read(original ? run.TestOriginal : run.Test) ?? double.NaN;
    }

    private static double[] MeanStd(IReadOnlyList<double> values) => Metrics.MeanStd.Of(values) is var s ? [s.Mean, s.Std] : [];
}
