using Asm.Research.Configuration;
using Asm.Research.Platform;
using Asm.Research.Training.Checkpoints;

namespace Asm.Research.Cli;

/// <summary>
/// Chooses oneDNN's ISA for the networks a command line will run, before libtorch loads, and puts
/// it into this process's environment, which the allocator relaunch's child inherits (see
/// <see cref="OneDnnIsaSelector"/>). The self-check runs in children of this program
/// (<c>asm __check-convolutions</c>). A command line that cannot be read here (a usage error) gets
/// the kit's default networks: the command itself reports the error.
/// </summary>
internal static class OneDnnIsaSetup
{
    private static readonly HashSet<string> AllValueOptions =
        [.. CommonOptions.Values, "--method", "--methods", "--seeds", "--out", "--sizes", "--batches", "--steps", "--warmup", "--checkpoint"];
    private static readonly HashSet<string> AllFlags = ["--json", "--resume", "--quick", "--all"];

    /// <summary>Chooses and applies the ISA for <paramref name="args"/> (only on Linux x64, only for commands that run torch).</summary>
    public static void Apply(string[] args)
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture != System.Runtime.InteropServices.Architecture.X64 ||
            !CliApp.UsesTorch(args) || OneDnnIsaSelector.FromEnvironment() is not null) return;
        var (shapes, threads) = Networks(args);
        var selector = new OneDnnIsaSelector(ThisProgram(), OneDnnIsaCache.Default(), line => Console.Error.WriteLine($"asm: {line}"));
        OneDnnIsaSelector.Apply(selector.Choose(shapes, threads));
    }

    /// <summary>The convolutions the command will run and its thread count.</summary>
    internal static (IReadOnlyList<ConvolutionShape> Shapes, int Threads) Networks(string[] args)
    {
        try
        {
            var a = CommandArguments.Parse(args[0], args[1..], AllValueOptions, AllFlags);
            int threads = CommonOptions.Threads(a);
            bool quick = a.Flag("--quick");
            IEnumerable<ExperimentConfig> configs = args[0] switch
            {
                "train" => [CommonOptions.BuildConfig(a, a.Value("--method") ?? "asm", quick)],
                "compare" => Methods(a, "bce,asm,asm+bce").Select(m => CommonOptions.BuildConfig(a, m, quick)),
                "bench" => BenchConfigs(a, threads),
                "eval" => [Checkpoint.ReadManifest(a.Value("--checkpoint") ?? throw new UsageException("no checkpoint")).Config],
                _ => [],
            };
            var shapes = NetworkConvolutions.Of(configs);
            return (shapes.Count > 0 ? shapes : NetworkConvolutions.KitDefaults(), threads);
        }
        catch (Exception e) when (e is UsageException or ConfigException or CheckpointException or ArgumentException)
        {
            return (NetworkConvolutions.KitDefaults(), Environment.ProcessorCount);
        }
    }

    // asm bench: every method × size × batch it will time (cgan from 64 px), on --set's config.
    private static IEnumerable<ExperimentConfig> BenchConfigs(CommandArguments a, int threads)
    {
        var baseConfig = ConfigOverrides.Apply(new ExperimentConfig(), a.Values("--set"));
        return from size in a.IntList("--sizes") ?? [64, 128, 256]
               from batch in a.IntList("--batches") ?? [8]
               from method in Methods(a, "bce,asm,cgan")
               where method != "cgan" || size >= 64
               select baseConfig.WithMethod(method) with
               {
                   Data = baseConfig.Data with { Size = size },
                   Training = baseConfig.Training with { BatchSize = batch, Threads = threads },
               };
    }

    private static IEnumerable<string> Methods(CommandArguments a, string defaults) =>
        (a.Value("--methods") ?? defaults).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(ExperimentConfig.Methods.Contains);

    /// <summary>This program run again with the check verb: <c>dotnet asm.dll</c> or the <c>asm</c> app host.</summary>
    private static ChildProcessConvolutionChecker? ThisProgram()
    {
        if (Environment.ProcessPath is not { } host) return null;
        return Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? new ChildProcessConvolutionChecker(host, typeof(OneDnnIsaSetup).Assembly.Location)
            : new ChildProcessConvolutionChecker(host);
    }
}
