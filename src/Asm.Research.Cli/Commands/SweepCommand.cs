using Asm.Research.Sweeps;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Commands;

/// <summary>
/// <c>asm sweep list|run|slurm|k8s FILE …</c>: a sweep file's runs, run one (or all) safely, or hand
/// them to a scheduler as a Slurm job array or a Kubernetes Indexed Job. Each sub-command derives
/// from this, which makes a bad sweep file (a <see cref="SweepException"/>) a usage error.
/// </summary>
public abstract class SweepCommand<TSettings> : Command<TSettings> where TSettings : SweepSettings
{
    /// <summary>The branch's help text.</summary>
    public const string Description = """
        A sweep file's runs: list them, run one (or all) safely, or hand them to a scheduler.
        A sweep file (JSON; docs/SCALING.md) names a base (method + --set values), axes, seeds and an
        output root; it expands to an ordered list of named runs, each in its own folder under the root.
        --root replaces the sweep file's output root (e.g. where a shared volume is mounted).
        """;

    /// <inheritdoc/>
    public sealed override int Execute(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            return Run(settings, cancellationToken);
        }
        catch (SweepException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>Runs the sub-command; returns the exit code.</summary>
    protected abstract int Run(TSettings settings, CancellationToken cancellationToken);
}
