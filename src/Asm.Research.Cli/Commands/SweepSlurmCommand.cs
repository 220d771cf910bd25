using System.ComponentModel;
using Asm.Research.Sweeps;

namespace Asm.Research.Cli.Commands;

/// <summary><c>asm sweep slurm FILE</c>: prints an sbatch script with one array task per run.</summary>
[Description("""
    Prints a Slurm sbatch script with one array task per run.
    Prints an sbatch script: one array task per run (--array=0-N%K, K = --parallel),
    --requeue, threads = --cpus (default 1), a log per task under ROOT/slurm-logs/
    (created now). --asm: how tasks call the kit (default: this asm).
    """)]
public sealed class SweepSlurmCommand : SweepCommand<SweepSlurmSettings>
{
    /// <inheritdoc/>
    protected override int Run(SweepSlurmSettings settings, CancellationToken cancellationToken)
    {
        var sweep = SweepFile.Load(settings.File, settings.RootFromCurrentFolder);
        var options = settings.ToOptions(ThisAsm(), settings.Partition, settings.Time);
        string script = SlurmScript.Render(sweep, options);
        // Slurm opens each task's log before the task starts and does not create its folder.
        Directory.CreateDirectory(Path.Combine(sweep.Root, SlurmScript.LogFolder)); // --root, if given, is already in sweep.Root
        Console.Write(script);
        return 0;
    }

    // How this very CLI was started: `dotnet /path/asm.dll` or the app host `/path/asm`.
    private static IReadOnlyList<string> ThisAsm()
    {
        string host = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(host) == "dotnet" ? [host, typeof(SweepSlurmCommand).Assembly.Location] : [host];
    }
}
