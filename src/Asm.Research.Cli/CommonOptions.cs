using Asm.Research.Configuration;

namespace Asm.Research.Cli;

/// <summary>How the commands check a config: <see cref="ConfigBounds"/>, naming the flag as well as the key where a flag sets it.</summary>
public static class CommonOptions
{
    /// <summary>The config key each dedicated flag sets, so a range error names both.</summary>
    private static readonly Dictionary<string, string> FlagOfKey = new()
    {
        ["data.size"] = "--size", ["training.epochs"] = "--epochs", ["training.batchSize"] = "--batch",
        ["training.seed"] = "--seed", ["training.threads"] = "--threads", ["training.device"] = "--device",
    };

    /// <summary>Checks a requested <paramref name="config"/> against <see cref="ConfigBounds"/> and this machine's cores, naming the flag as well as the key where a flag sets it.</summary>
    /// <exception cref="ConfigException">Every problem, in one message.</exception>
    public static void Validate(ExperimentConfig config)
    {
        var problems = ConfigBounds.Problems(config).ToList();
        // A request runs here, so its thread count must suit this machine (a loaded checkpoint's need not).
        if (ConfigBounds.ThreadsOnThisMachine(config) is { } threads) problems.Add(threads);
        if (problems.Count > 0)
            throw new ConfigException(string.Join("; ", problems.Select(p => FlagOfKey.TryGetValue(p.Key, out var flag) ? $"{flag} / {p.Message}" : p.Message)));
    }
}
