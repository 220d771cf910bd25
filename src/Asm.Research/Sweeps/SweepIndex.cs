using System.Globalization;

namespace Asm.Research.Sweeps;

/// <summary>Which run a scheduler's task is: <c>--index</c>, else Slurm's array task id, else Kubernetes' completion index.</summary>
public static class SweepIndex
{
    /// <summary>Slurm's variable for the task's place in a job array.</summary>
    public const string SlurmVariable = "SLURM_ARRAY_TASK_ID";
    /// <summary>Kubernetes' variable for the pod's index in an Indexed Job.</summary>
    public const string KubernetesVariable = "JOB_COMPLETION_INDEX";

    /// <summary>
    /// The run index from <paramref name="option"/> (the <c>--index</c> value) or, when it is null, from
    /// the environment (<paramref name="environment"/> looks a variable up), checked against <paramref name="runs"/>.
    /// </summary>
    /// <exception cref="SweepException">No index anywhere, not a number, or out of range; the message says where it came from.</exception>
    public static int Resolve(string? option, Func<string, string?> environment, int runs)
    {
        var (text, source) = option is not null ? (option, "--index")
            : environment(SlurmVariable) is { Length: > 0 } slurm ? (slurm, SlurmVariable)
            : environment(KubernetesVariable) is { Length: > 0 } k8s ? (k8s, KubernetesVariable)
            : throw new SweepException($"no run index: give --index I (0–{runs - 1}) or --all, or run as a Slurm array task ({SlurmVariable}) or a Kubernetes Indexed Job pod ({KubernetesVariable})");
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            throw new SweepException($"{source} '{text}': not a run index (a whole number 0–{runs - 1})");
        if (index >= runs)
            throw new SweepException($"{source} {index} is out of range: the sweep has {runs} run(s), indices 0–{runs - 1}");
        return index;
    }
}
