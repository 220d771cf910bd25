using Asm.Research.Sweeps;

namespace Asm.Research.Cli.Commands;

/// <summary><c>asm sweep slurm FILE</c>: prints an sbatch script with one array task per run.</summary>
public static class SweepSlurmCommand
{
    public static int Run(string file, IReadOnlyList<string> argv)
    {
        var args = CommandArguments.Parse("sweep slurm", argv,
            new HashSet<string>(["--partition", "--time", "--cpus", "--mem", "--gpus", "--parallel", "--asm", "--root"]), new HashSet<string>());
        var sweep = SweepFile.Load(file, args.Value("--root"));
        var options = SweepCommand.SchedulerOptions(args, ThisAsm());
        string script = SlurmScript.Render(sweep, options);
        // Slurm opens each task's log before the task starts and does not create its folder.
        Directory.CreateDirectory(Path.Combine(options.Root is null ? sweep.Root : Path.GetFullPath(options.Root), SlurmScript.LogFolder));
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
