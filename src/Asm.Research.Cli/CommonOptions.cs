using Asm.Research.Configuration;

namespace Asm.Research.Cli;

/// <summary>The options every training command shares, and how they turn into a config.</summary>
public static class CommonOptions
{
    /// <summary>Options that take a value.</summary>
    public static readonly string[] Values = ["--data", "--size", "--epochs", "--batch", "--seed", "--set", "--threads", "--device", "--init-from"];

    /// <summary>
    /// Builds the config for <paramref name="method"/>: the method's defaults, <c>--quick</c> if
    /// given, the dedicated flags, then every <c>--set</c> (last, so it wins).
    /// </summary>
    public static ExperimentConfig BuildConfig(CommandArguments args, string method, bool quick)
    {
        var config = ExperimentConfig.ForMethod(method);
        if (quick) config = config.Quick();
        config = config with
        {
            Data = config.Data with
            {
                Source = args.Value("--data") ?? config.Data.Source,
                Size = args.Int("--size", minimum: 16) ?? config.Data.Size,
            },
            Training = config.Training with
            {
                Epochs = args.Int("--epochs") ?? config.Training.Epochs,
                BatchSize = args.Int("--batch", minimum: 2) ?? config.Training.BatchSize,
                Seed = args.Int("--seed", minimum: 0) ?? config.Training.Seed,
                Threads = Threads(args),
                Device = args.Value("--device") ?? config.Training.Device,
                InitFrom = InitFrom(args) ?? config.Training.InitFrom,
            },
        };
        return ConfigOverrides.Apply(config, args.Values("--set"));
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

    /// <summary>--threads N (default: one per core).</summary>
    public static int Threads(CommandArguments args) => args.Int("--threads") ?? Environment.ProcessorCount;
}
