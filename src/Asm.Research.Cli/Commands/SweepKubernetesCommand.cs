using Asm.Research.Platform;
using System.ComponentModel;
using Asm.Research.Sweeps;

namespace Asm.Research.Cli.Commands;

/// <summary><c>asm sweep k8s FILE --image IMG</c>: prints a Kubernetes Indexed Job (and the sweep file as a ConfigMap).</summary>
[Description("""
    Prints a Kubernetes Indexed Job and the sweep file as a ConfigMap.
    Prints a ConfigMap (the sweep file) and an Indexed Job (completions = runs, parallelism
    = --parallel) whose pods mount the volume claim --claim (default asm-runs) at /runs
    and write under /runs/<name> (or --root). --asm: the kit's command in IMG (default asm).
    """)]
public sealed class SweepKubernetesCommand : SweepCommand<SweepKubernetesSettings>
{
    /// <inheritdoc/>
    protected override int Run(SweepKubernetesSettings settings, CancellationToken cancellationToken)
    {
        var sweep = SweepFile.Load(settings.File);
        var options = settings.ToOptions(["asm"]);
        Console.Write(KubernetesManifest.Render(sweep, InputFile.ReadAllText(sweep.Path), settings.Image!, settings.Claim, options));
        return 0;
    }
}
