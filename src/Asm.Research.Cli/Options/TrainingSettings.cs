using System.ComponentModel;
using Asm.Research.Configuration;
using Asm.Research.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Options;

/// <summary>The options <c>train</c> and <c>compare</c> share, and how they turn into a config.</summary>
public class TrainingSettings : ConfigSettings
{
    /// <summary>--data DIR|synthetic|scenes.</summary>
    [CommandOption("--data <DIR>")]
    [Description("A data folder (Weizmann horses, CamVid, or a labelmaps folder; the layout is detected), or a built-in dataset: " +
                 "synthetic (the kit's horses, the default) or scenes (its multi-class road scenes)")]
    public string? Data { get; init; }

    /// <summary>--size N or HxW (data.size).</summary>
    [CommandOption("--size <N|HxW>")]
    [ConfigDefaultDescription("Working size in pixels: N for N×N, or HEIGHTxWIDTH (e.g. 144x192); images resized bilinearly, label maps by nearest neighbour (data.size)", "data.size")]
    public string? Size { get; init; }

    /// <summary>--epochs N (training.epochs).</summary>
    [CommandOption("--epochs <N>")]
    [ConfigDefaultDescription("Training epochs (training.epochs)", "training.epochs")]
    public int? Epochs { get; init; }

    /// <summary>--batch N (training.batchSize).</summary>
    [CommandOption("--batch <N>")]
    [ConfigDefaultDescription("Images per training step (training.batchSize)", "training.batchSize")]
    public int? Batch { get; init; }

    /// <summary>--seed N (training.seed).</summary>
    [CommandOption("--seed <N>")]
    [ConfigDefaultDescription("Random seed of the weights, the data order and the augmentation (training.seed)", "training.seed")]
    public int? Seed { get; init; }

    /// <summary>--device cpu|cuda (training.device).</summary>
    [CommandOption("--device <DEVICE>")]
    [ConfigDefaultDescription("Where the networks run: cpu or cuda (training.device)", "training.device")]
    public string? Device { get; init; }

    /// <summary>--init-from DIR|FILE.pt (training.initFrom).</summary>
    [CommandOption("--init-from <PATH>")]
    [Description("Start S from another run's final predictor (a run or checkpoint folder, or a .pt from asm export) " +
                 "instead of random weights; recorded as training.initFrom in the config, so a --resume must give the same")]
    public string? InitFrom { get; init; }

    /// <summary>--quick: settings that finish in minutes.</summary>
    [CommandOption("--quick")]
    [Description("64×64 synthetic-size settings that finish in minutes on 2 cores")]
    public bool Quick { get; init; }

    /// <summary>--resume: continue from the checkpoint.</summary>
    [CommandOption("--resume")]
    [Description("Continue from the output folder's last complete checkpoint (its config must match; none: start from scratch)")]
    public bool Resume { get; init; }

    /// <summary>--force: replace the kit's files in the output folder.</summary>
    [CommandOption("--force")]
    [Description("Replace the kit's files in the output folder and keep every other file")]
    public bool Force { get; init; }

    /// <summary>--report FILE.html, or null for no page.</summary>
    [CommandOption("--report <FILE>")]
    [Description("Also write one self-contained HTML page (config, curves, scores, test images with error maps) to FILE.html; replaces only a page the kit wrote")]
    public string? Report { get; init; }

    /// <inheritdoc/>
    public override ValidationResult Validate() =>
        Resume && Force ? ValidationResult.Error("--resume and --force exclude each other (continue the run(s), or replace them)") : ValidationResult.Success();

    /// <summary>
    /// Builds the config for <paramref name="method"/>: the method's defaults, <c>--quick</c> if
    /// given, the dedicated flags, then every <c>--set</c> (last, so it wins); then checks the result
    /// against <see cref="ConfigBounds"/> (the flags and --set share its one table) and the memory
    /// it needs against this machine's.
    /// </summary>
    /// <exception cref="ConfigException">A value out of range, fields that cannot work together, or a run that cannot fit in memory.</exception>
    /// <exception cref="UsageException">--init-from names nothing.</exception>
    public ExperimentConfig BuildConfig(string method)
    {
        var config = ExperimentConfig.ForMethod(method);
        if (Quick) config = config.Quick();
        config = config with
        {
            Data = config.Data with
            {
                Source = Data ?? config.Data.Source,
                Size = Size is null ? config.Data.Size : ImageSize.Parse(Size, "--size"),
            },
            Training = config.Training with
            {
                Epochs = Epochs ?? config.Training.Epochs,
                BatchSize = Batch ?? config.Training.BatchSize,
                Seed = Seed ?? config.Training.Seed,
                Threads = Threads ?? Environment.ProcessorCount,
                Device = Device ?? config.Training.Device,
                InitFrom = InitFromPath() ?? config.Training.InitFrom,
            },
        };
        config = ConfigOverrides.Apply(config, Set);
        // The data names the task (classes, void, output kind): read before anything is validated, without decoding images.
        config = config.ForData();
        CommonOptions.Validate(config);
        MemoryEstimate.EnsureFits(config);
        return config;
    }

    /// <summary>--init-from as a full path (so a resume from another folder still matches), checked to exist.</summary>
    private string? InitFromPath()
    {
        if (InitFrom is null) return null;
        if (!File.Exists(InitFrom) && !Directory.Exists(InitFrom))
            throw new UsageException($"--init-from: '{Path.GetFullPath(InitFrom)}' does not exist (expected a run folder, a checkpoint folder or a .pt file from asm export)");
        return Path.GetFullPath(InitFrom);
    }
}
