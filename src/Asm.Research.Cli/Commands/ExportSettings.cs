using System.ComponentModel;
using Asm.Research.Cli.Options;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Commands;

/// <summary>The options of <c>asm export</c>.</summary>
public sealed class ExportSettings : JsonSettings
{
    /// <summary>--checkpoint DIR (required).</summary>
    [CommandOption("--checkpoint <DIR>")]
    [Description("The checkpoint whose predictor is written: a run's folder or its checkpoint/ folder (required)")]
    public string? Checkpoint { get; init; }

    /// <summary>--out FILE.pt (required).</summary>
    [CommandOption("--out <FILE>")]
    [Description("The .pt file to write; torch.load(FILE) in Python gives its state_dict (required)")]
    public string? Out { get; init; }

    /// <summary>--force: replace FILE.</summary>
    [CommandOption("--force")]
    [Description("Replace FILE if it exists")]
    public bool Force { get; init; }

    /// <inheritdoc/>
    public override ValidationResult Validate()
    {
        if (Checkpoint is null) return ValidationResult.Error("export: --checkpoint DIR is required");
        if (Out is null) return ValidationResult.Error("export: --out FILE.pt is required");
        return ValidationResult.Success();
    }
}
