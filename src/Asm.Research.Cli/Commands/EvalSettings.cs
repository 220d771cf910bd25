using System.ComponentModel;
using Asm.Research.Cli.Options;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Commands;

/// <summary>The options of <c>asm eval</c>.</summary>
public sealed class EvalSettings : ConfigSettings
{
    /// <summary>--checkpoint DIR (required).</summary>
    [CommandOption("--checkpoint <DIR>")]
    [Description("The checkpoint: a run's folder or its checkpoint/ folder (required)")]
    public string? Checkpoint { get; init; }

    /// <summary>--data DIR|synthetic, or null for the checkpoint's.</summary>
    [CommandOption("--data <DIR>")]
    [Description("The data to score on, a folder or synthetic (default: the checkpoint's)")]
    public string? Data { get; init; }

    /// <summary>--all: every image is a test image.</summary>
    [CommandOption("--all")]
    [Description("Make every image a test image")]
    public bool All { get; init; }

    /// <summary>--report FILE.html, or null for no page.</summary>
    [CommandOption("--report <FILE>")]
    [Description("Also write one self-contained HTML page (config, training curves, scores, the test images it gets most wrong with error maps) to FILE.html; replaces only a page the kit wrote")]
    public string? Report { get; init; }

    /// <inheritdoc/>
    public override ValidationResult Validate() =>
        Checkpoint is null ? ValidationResult.Error("eval: --checkpoint DIR is required") : ValidationResult.Success();
}
