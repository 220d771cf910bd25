using Asm.Research.Configuration;
using Asm.Research.Training;

namespace Asm.Research.Cli;

/// <summary>The options every training command shares, and how they turn into a config.</summary>
public static class CommonOptions
{
    /// <summary>Options that take a value.</summary>
    public static readonly string[] Values = ["--data", "--size", "--epochs", "--batch", "--seed", "--set", "--threads", "--device", "--init-from"];

    /// <summary>The config key each dedicated flag sets, so a range error names both.</summary>
    private static readonly Dictionary<string, string> FlagOfKey = new()
    {
        ["data.size"] = "--size", ["training.epochs"] = "--epochs", ["training.batchSize"] = "--batch",
        ["training.seed"] = "--seed", ["training.threads"] = "--threads", ["training.device"] = "--device",
    };

    /// <summary>
    /// Builds the config for <paramref name="method"/>: the method's defaults, <c>--quick</c> if
    /// given, the dedicated flags, then every <c>--set</c> (last, so it wins); then checks the result
    /// against <see cref="ConfigBounds"/> (the flags and --set share its one table) and the memory
    /// it needs against this machine's.
    /// </summary>
    /// <exception cref="ConfigException">A value out of range, fields that cannot work together, or a run that cannot fit in memory.</exception>
    public static ExperimentConfig BuildConfig(CommandArguments args, string method, bool quick)
    {
        var config = ExperimentConfig.ForMethod(method);
        if (quick) config = config.Quick();
        config = config with
        {
            Data = config.Data with
            {
                Source = args.Value("--data") ?? config.Data.Source,
                Size = args.WholeNumber("--size") ?? config.Data.Size,
            },
            Training = config.Training with
            {
                Epochs = args.WholeNumber("--epochs") ?? config.Training.Epochs,
                BatchSize = args.WholeNumber("--batch") ?? config.Training.BatchSize,
                Seed = args.WholeNumber("--seed") ?? config.Training.Seed,
                Threads = args.WholeNumber("--threads") ?? Environment.ProcessorCount,
                Device = args.Value("--device") ?? config.Training.Device,
                InitFrom = InitFrom(args) ?? config.Training.InitFrom,
            },
        };
        config = ConfigOverrides.Apply(config, args.Values("--set"));
        Validate(config);
        MemoryEstimate.EnsureFits(config);
        return config;
    }

    /// <summary>Checks <paramref name="config"/> against <see cref="ConfigBounds"/>, naming the flag as well as the key where a flag sets it.</summary>
    /// <exception cref="ConfigException">Every problem, in one message.</exception>
    public static void Validate(ExperimentConfig config)
    {
        var problems = ConfigBounds.Problems(config);
        if (problems.Count > 0)
            throw new ConfigException(string.Join("; ", problems.Select(p => FlagOfKey.TryGetValue(p.Key, out var flag) ? $"{flag} / {p.Message}" : p.Message)));
    }

    /// <summary>--threads N (default: one per core), checked against the same bound as training.threads.</summary>
    public static int Threads(CommandArguments args)
    {
        int threads = args.WholeNumber("--threads") ?? Environment.ProcessorCount;
        Validate(new ExperimentConfig { Training = new TrainingConfig { Threads = threads } });
        return threads;
    }

    /// <summary>--init-from DIR|FILE.pt as a full path (so a resume from another folder still matches), checked to exist.</summary>
    private static string? InitFrom(CommandArguments args)
    {
        string? source = args.Value("--init-from");
        if (source is null) return null;
        if (!File.Exists(source) && !Directory.Exists(source))
            throw new UsageException($"--init-from: '{Path.GetFullPath(source)}' does not exist (expected a run folder, a checkpoint folder or a .pt file from asm export)");
        return Path.GetFullPath(source);
    }
}
