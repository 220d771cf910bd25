using System.ComponentModel;
using Asm.Research.Cli.Options;
using Asm.Research.Sweeps;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Commands;

/// <summary>The options <c>asm sweep slurm</c> and <c>asm sweep k8s</c> share.</summary>
public class SchedulerSettings : SweepSettings
{
    /// <summary>--cpus N per task.</summary>
    [CommandOption("--cpus <N>")]
    [Description("CPUs per task; each run's torch threads are set to it")]
    [DefaultValue(1)]
    [AtLeast(1)]
    public int Cpus { get; init; } = 1;

    /// <summary>--mem M per task, in the scheduler's syntax.</summary>
    [CommandOption("--mem <M>")]
    [Description("Memory per task in the scheduler's syntax (Slurm 8G, Kubernetes 8Gi)")]
    public string? Mem { get; init; }

    /// <summary>--gpus G per task.</summary>
    [CommandOption("--gpus <G>")]
    [Description("GPUs per task")]
    [AtLeast(0)]
    public int? Gpus { get; init; }

    /// <summary>--parallel K: at most K tasks at once.</summary>
    [CommandOption("--parallel <K>")]
    [Description("At most K tasks at once (default: all)")]
    [AtLeast(1)]
    public int? Parallel { get; init; }

    /// <summary>--asm PATH: how tasks call the kit.</summary>
    [CommandOption("--asm <PATH>")]
    [Description("How tasks call the kit")]
    public string? Asm { get; init; }

    /// <summary>The scheduler options these settings give, with <paramref name="defaultAsm"/> when --asm is not given.</summary>
    public SchedulerOptions ToOptions(IReadOnlyList<string> defaultAsm, string? partition = null, string? time = null) => new()
    {
        Asm = Asm is { } asm ? [asm] : defaultAsm,
        Cpus = Cpus,
        Parallel = Parallel,
        Memory = Mem,
        Gpus = Gpus,
        Partition = partition,
        Time = time,
        Root = Root,
    };
}
