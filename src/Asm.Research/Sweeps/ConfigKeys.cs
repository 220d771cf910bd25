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

    /// <summary>The key of the run a predictor starts from (<see cref="TrainingConfig.InitFrom"/>).</summary>
    public const string InitFromKey = "training.initFrom";

    /// <summary>What a seed folder's name becomes in a setting's <see cref="InitFromKey"/> (a sweep's placeholder).</summary>
    public const string SeedPlaceholder = "seed{seed}";

    /// <summary>
    /// The setting a config belongs to: every key but the seed, the environment keys and the task's (the data's
    /// classes: <c>data.source</c> already names them, and a label must not spell out eleven class colours). A run that
    /// starts from its own seed's run (an init-from path with a <c>seed&lt;N&gt;</c> folder, N its
    /// seed: a sweep's <c>{seed}</c>) has that folder as <see cref="SeedPlaceholder"/>, so such seeds
    /// are one setting.
    /// </summary>
    public static SortedDictionary<string, string> Setting(ExperimentConfig config)
    {
        var keys = Flatten(config);
        keys.Remove(SeedKey);
        foreach (var key in EnvironmentKeys) keys.Remove(key);
        foreach (var key in keys.Keys.Where(k => k.StartsWith("task.", StringComparison.Ordinal)).ToList()) keys.Remove(key);
        if (config.Training.InitFrom is { } source)
        {
            string own = $"seed{config.Training.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            var parts = source.Split('/', '\\').Select(p => p == own ? SeedPlaceholder : p);
            keys[InitFromKey] = System.Text.Json.Nodes.JsonValue.Create(string.Join('/', parts)).ToJsonString();
        }
        return keys;
    }
}
