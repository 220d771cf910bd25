namespace Asm.Research.Tests.Sweeps;

/// <summary>
/// A fact that needs a running Slurm (started by <c>.ci/run</c> through <c>.ci/slurm.sh</c>, which sets
/// <c>ASM_SLURM_TEST=1</c>); reported as skipped, with the reason, anywhere else.
/// </summary>
public sealed class SlurmFactAttribute : FactAttribute
{
    /// <summary>The variable that says a test Slurm is up.</summary>
    public const string Variable = "ASM_SLURM_TEST";

    public SlurmFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
            Skip = $"needs a running Slurm: {Variable}=1 (set by .ci/run, which starts one with .ci/slurm.sh)";
    }
}
