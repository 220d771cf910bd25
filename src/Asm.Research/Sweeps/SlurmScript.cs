using System.Text;

namespace Asm.Research.Sweeps;

/// <summary>
/// An sbatch script for a sweep: one array task per run (<c>--array=0-N%K</c>), requeueable,
/// threads = CPUs per task, one log per task. Every task runs <c>asm sweep run FILE</c>, which
/// takes its run from <c>SLURM_ARRAY_TASK_ID</c>, resumes a partial run and skips a complete one,
/// so a requeued or preempted task loses at most an epoch.
/// </summary>
public static class SlurmScript
{
    /// <summary>The folder under the sweep's root where task logs go (it must exist before sbatch: Slurm does not create it).</summary>
    public const string LogFolder = "slurm-logs";

    /// <summary>The script's text.</summary>
    public static string Render(SweepFile sweep, SchedulerOptions options)
    {
        if (sweep.Runs.Count == 0) throw new SweepException($"{sweep.Path}: the sweep has no runs");
        string root = options.Root is null ? sweep.Root : Path.GetFullPath(options.Root);
        int parallel = Math.Min(options.Parallel ?? sweep.Runs.Count, sweep.Runs.Count);
        var text = new StringBuilder();
        text.AppendLine("#!/bin/bash");
        string logs = SlurmText.DirectiveValue(options.Root is null ? $"the output root of {sweep.Path}" : "--root", Path.Combine(root, LogFolder));
        text.AppendLine($"# asm sweep '{SlurmText.Comment(sweep.Name)}': {sweep.Runs.Count} run(s) from {SlurmText.Comment(sweep.Path)}, one array task per run.");
        text.AppendLine("# A killed, preempted or requeued task resumes its run from the last checkpoint; a complete run is skipped.");
        text.AppendLine($"# Submit with: sbatch THIS_FILE   (logs: {logs}/<job>_<task>.out)");
        text.AppendLine($"#SBATCH --job-name={JobName(sweep.Name)}");
        text.AppendLine($"#SBATCH --array=0-{sweep.Runs.Count - 1}%{parallel}");
        text.AppendLine("#SBATCH --requeue");
        text.AppendLine($"#SBATCH --cpus-per-task={options.Cpus}");
        text.AppendLine("#SBATCH --ntasks=1");
        text.AppendLine($"#SBATCH --output={logs}/%A_%a.out");
        text.AppendLine("#SBATCH --open-mode=append"); // a requeued attempt adds to its task's log
        if (options.Partition is { } partition) text.AppendLine($"#SBATCH --partition={SlurmText.DirectiveValue("--partition", partition)}");
        if (options.Time is { } time) text.AppendLine($"#SBATCH --time={SlurmText.DirectiveValue("--time", time)}");
        if (options.Memory is { } memory) text.AppendLine($"#SBATCH --mem={SlurmText.DirectiveValue("--mem", memory)}");
        if (options.Gpus is { } gpus) text.AppendLine($"#SBATCH --gpus={gpus}");
        text.AppendLine("set -eu");
        text.AppendLine("echo \"asm sweep task $SLURM_ARRAY_TASK_ID (job $SLURM_JOB_ID, attempt $(( ${SLURM_RESTART_COUNT:-0} + 1 ))) on $(hostname)\"");
        var command = options.Asm.Select(a => SlurmText.ShellWord("--asm", a)).Concat(["sweep", "run", SlurmText.ShellWord("the sweep file's path", sweep.Path)]);
        if (options.Root is not null) command = command.Concat(["--root", SlurmText.ShellWord("--root", root)]);
        text.AppendLine($"exec {string.Join(' ', command)} --index \"$SLURM_ARRAY_TASK_ID\" --threads \"$SLURM_CPUS_PER_TASK\"");
        return text.ToString();
    }

    /// <summary>A job name from the sweep's name: letters, digits, '-', '_' and '.'.</summary>
    public static string JobName(string sweepName) =>
        "asm-" + new string(sweepName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray());
}
