using System.ComponentModel;
using Asm.Research.Cli.Options;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Commands;

/// <summary>The options of <c>asm sweep run</c>.</summary>
public sealed class SweepRunSettings : SweepReportSettings
{
    /// <summary>--index I as given (checked against the sweep by <see cref="Asm.Research.Sweeps.SweepIndex"/>), or null.</summary>
    [CommandOption("--index <I>")]
    [Description("The run to train (default: $SLURM_ARRAY_TASK_ID, else $JOB_COMPLETION_INDEX)")]
    public string? Index { get; init; }

    /// <summary>--all: every pending or partial run.</summary>
    [CommandOption("--all")]
    [Description("Run every pending or partial run in order (failed ones are retried only by --index)")]
    public bool All { get; init; }

    /// <summary>--threads N, or null for the sweep's config.</summary>
    [CommandOption("--threads <N>")]
    [Description("Torch threads of each run (default: the sweep's training.threads)")]
    [AtLeast(1)]
    public int? Threads { get; init; }

    /// <inheritdoc/>
    public override ValidationResult Validate() =>
        All && Index is not null ? ValidationResult.Error("sweep run: give --index I or --all, not both") : ValidationResult.Success();
}
