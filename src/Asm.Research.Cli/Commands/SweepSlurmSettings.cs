using System.ComponentModel;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Commands;

/// <summary>The options of <c>asm sweep slurm</c>.</summary>
public sealed class SweepSlurmSettings : SchedulerSettings
{
    /// <summary>--partition P, or null for the cluster's default.</summary>
    [CommandOption("--partition <P>")]
    [Description("Slurm partition (default: the cluster's)")]
    public string? Partition { get; init; }

    /// <summary>--time T per task.</summary>
    [CommandOption("--time <T>")]
    [Description("Slurm time limit per task, e.g. 01:00:00")]
    public string? Time { get; init; }
}
