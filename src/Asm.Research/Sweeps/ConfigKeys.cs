using Asm.Research.Configuration;

namespace Asm.Research.Sweeps;

/// <summary>
/// A config as flat <c>dotted.key → JSON value</c> pairs (the keys of <c>--set</c>), for telling
/// configs apart: which keys differ between a folder's run and the sweep file's, and which runs
/// are seeds of one setting.
/// </summary>
public static class ConfigKeys
{
    /// <summary>
    /// Keys that say where or how fast a run computes, not what: a run may resume with other
    /// values, and records that differ only in them are pooled.
    /// </summary>
    public static IReadOnlySet<string> EnvironmentKeys { get; } = new HashSet<string>(["training.threads", "training.device"]);

    /// <summary>The key of the run's seed, which seeds of one setting differ in.</summary>
    public const string SeedKey = "training.seed";

    /// <summary>Every field of <paramref name="config"/> by its dotted camelCase key, in key order.</summary>
    public static SortedDictionary<string, string> Flatten(ExperimentConfig config) =>
        new(ConfigTree.Flatten(config), StringComparer.Ordinal);

    /// <summary>The keys (environment keys aside) whose values differ, as "key: a (stored) vs b (wanted)".</summary>
    public static IReadOnlyList<string> Differences(ExperimentConfig stored, ExperimentConfig wanted, string storedName, string wantedName) =>
        ConfigTree.Differences(stored, wanted, storedName, wantedName, ignore: EnvironmentKeys);

    /// <summary>The setting a config belongs to: every key but the seed and the environment keys.</summary>
    public static SortedDictionary<string, string> Setting(ExperimentConfig config)
    {
        var keys = Flatten(config);
        keys.Remove(SeedKey);
        foreach (var key in EnvironmentKeys) keys.Remove(key);
        return keys;
    }
}
