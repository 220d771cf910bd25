using Asm.Research.Sweeps;

namespace Asm.Research.Cli.Commands;

/// <summary><c>asm sweep k8s FILE --image IMG</c>: prints a Kubernetes Indexed Job (and the sweep file as a ConfigMap).</summary>
public static class SweepKubernetesCommand
{
    public static int Run(string file, IReadOnlyList<string> argv)
    {
        var args = CommandArguments.Parse("sweep k8s", argv,
            new HashSet<string>(["--image", "--claim", "--cpus", "--mem", "--gpus", "--parallel", "--asm", "--root"]), new HashSet<string>());
        string image = args.Value("--image") ?? throw new UsageException("sweep k8s: --image IMG is required (an image with the kit's asm command)");
        var sweep = SweepFile.Load(file);
        var options = SweepCommand.SchedulerOptions(args, ["asm"]);
        Console.Write(KubernetesManifest.Render(sweep, File.ReadAllText(sweep.Path), image, args.Value("--claim") ?? "asm-runs", options));
        return 0;
    }
}
