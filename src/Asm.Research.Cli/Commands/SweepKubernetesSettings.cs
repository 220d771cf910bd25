using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Commands;

/// <summary>The options of <c>asm sweep k8s</c>.</summary>
public sealed class SweepKubernetesSettings : SchedulerSettings
{
    /// <summary>--image IMG (required).</summary>
    [CommandOption("--image <IMG>")]
    [Description("An image with the kit's asm command (required)")]
    public string? Image { get; init; }

    /// <summary>--claim PVC.</summary>
    [CommandOption("--claim <PVC>")]
    [Description("The volume claim the pods mount at /runs")]
    [DefaultValue("asm-runs")]
    public string Claim { get; init; } = "asm-runs";

    /// <inheritdoc/>
    public override ValidationResult Validate() =>
        Image is null ? ValidationResult.Error("sweep k8s: --image IMG is required (an image with the kit's asm command)") : ValidationResult.Success();
}
