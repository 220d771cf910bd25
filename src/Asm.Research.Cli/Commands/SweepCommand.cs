using Asm.Research.Sweeps;

namespace Asm.Research.Cli.Commands;

/// <summary>
/// <c>asm sweep list|run|slurm|k8s FILE …</c>: a sweep file's runs, run one (or all) safely, or hand
/// them to a scheduler as a Slurm job array or a Kubernetes Indexed Job.
/// </summary>
public static class SweepCommand
{
    public const string Help = """
        asm sweep list  FILE [--root DIR] [--json]
        asm sweep run   FILE [--index I | --all] [--threads N] [--root DIR] [--json]
        asm sweep slurm FILE [--partition P] [--time T] [--cpus N] [--mem M] [--gpus G] [--parallel K] [--asm PATH] [--root DIR]
        asm sweep k8s   FILE --image IMG [--claim PVC] [--cpus N] [--mem M] [--gpus G] [--parallel K] [--asm PATH] [--root DIR]
          A sweep file (JSON; docs/SCALING.md) names a base (method + --set values), axes, seeds and an
          output root; it expands to an ordered list of named runs, each in its own folder under the root.
          list:  index, name, folder and state (pending, partial at epoch E, complete, failed: message).
          run:   runs run I (default: $SLURM_ARRAY_TASK_ID, else $JOB_COMPLETION_INDEX) into its folder:
                 resumes from its checkpoint, does nothing when it is complete, refuses (exit 2) when
                 another task holds the folder or the folder holds another config. --all runs every
                 pending or partial run in order (failed ones are retried only by --index).
          slurm: prints an sbatch script: one array task per run (--array=0-N%K, K = --parallel),
                 --requeue, threads = --cpus (default 1), a log per task under ROOT/slurm-logs/
                 (created now). --asm: how tasks call the kit (default: this asm).
          k8s:   prints a ConfigMap (the sweep file) and an Indexed Job (completions = runs, parallelism
                 = --parallel) whose pods mount the volume claim --claim (default asm-runs) at /runs
                 and write under /runs/<name> (or --root). --asm: the kit's command in IMG (default asm).
          --root replaces the sweep file's output root (e.g. where a shared volume is mounted).
        """;

    public static int Run(IReadOnlyList<string> argv, CancellationToken cancellationToken)
    {
        if (argv.Count < 2 || argv[1].StartsWith("--", StringComparison.Ordinal))
            throw new UsageException($"sweep: expected 'asm sweep list|run|slurm|k8s FILE …'{(argv.Count == 0 ? "" : $", got '{string.Join(' ', argv)}'")}");
        string verb = argv[0], file = argv[1];
        var rest = argv.Skip(2).ToList();
        try
        {
            return verb switch
            {
                "list" => SweepListCommand.Run(file, rest),
                "run" => SweepRunCommand.Run(file, rest, cancellationToken),
                "slurm" => SweepSlurmCommand.Run(file, rest),
                "k8s" => SweepKubernetesCommand.Run(file, rest),
                _ => throw new UsageException($"sweep: unknown sub-command '{verb}'; expected list, run, slurm or k8s"),
            };
        }
        catch (SweepException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>The scheduler options shared by slurm and k8s.</summary>
    internal static SchedulerOptions SchedulerOptions(CommandArguments args, IReadOnlyList<string> defaultAsm) => new()
    {
        Asm = args.Value("--asm") is { } asm ? [asm] : defaultAsm,
        Cpus = args.Int("--cpus") ?? 1,
        Parallel = args.Int("--parallel"),
        Memory = args.Value("--mem"),
        Gpus = args.Int("--gpus", minimum: 0),
        Partition = args.Value("--partition"),
        Time = args.Value("--time"),
        Root = args.Value("--root"),
    };
}
