using System.ComponentModel;
using Asm.Research.Cli.Options;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Commands;

/// <summary>The options of <c>asm predict</c>.</summary>
public sealed class PredictSettings : ConfigSettings
{
    /// <summary>--checkpoint DIR (required).</summary>
    [CommandOption("--checkpoint <DIR>")]
    [Description("The checkpoint whose predictor segments: a run's folder or its checkpoint/ folder (required)")]
    public string? Checkpoint { get; init; }

    /// <summary>--input FILE|DIR (required).</summary>
    [CommandOption("--input <PATH>")]
    [Description("One image, or a folder of images (jpg, jpeg, png, bmp) (required)")]
    public string? Input { get; init; }

    /// <summary>--out DIR (required).</summary>
    [CommandOption("--out <DIR>")]
    [Description("Where OUT/<name>_mask.png (0 background, 255 foreground) go (required)")]
    public string? Out { get; init; }

    /// <summary>--threshold P, strictly between 0 and 1.</summary>
    [CommandOption("--threshold <P>")]
    [Description("Foreground where the probability exceeds it (strictly between 0 and 1)")]
    [DefaultValue(0.5)]
    [TypeConverter(typeof(InvariantDoubleConverter))]
    public double Threshold { get; init; } = 0.5;

    /// <summary>--overlay: also OUT/&lt;name&gt;_overlay.png.</summary>
    [CommandOption("--overlay")]
    [Description("Also write OUT/<name>_overlay.png")]
    public bool Overlay { get; init; }

    /// <summary>--force: replace existing files.</summary>
    [CommandOption("--force")]
    [Description("Replace existing files (otherwise refused before anything is written)")]
    public bool Force { get; init; }

    /// <summary>--batch N, or null for the checkpoint's batch size.</summary>
    [CommandOption("--batch <N>")]
    [Description("Images per forward pass (default: the checkpoint's training.batchSize)")]
    [AtLeast(1)]
    public int? Batch { get; init; }

    /// <inheritdoc/>
    public override ValidationResult Validate()
    {
        if (Checkpoint is null) return ValidationResult.Error("predict: --checkpoint DIR is required");
        if (Input is null) return ValidationResult.Error("predict: --input FILE|DIR is required");
        if (Out is null) return ValidationResult.Error("predict: --out DIR is required");
        // Written this way round so that NaN is refused too.
        if (!(Threshold > 0 && Threshold < 1))
            return ValidationResult.Error(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"--threshold '{Threshold}': expected a probability strictly between 0 and 1"));
        return ValidationResult.Success();
    }
}
