using Asm.Research.Cli.Commands;
using Asm.Research.Cli.Options;
using Asm.Research.Configuration;
using Asm.Research.Platform;
using Asm.Research.Sweeps;
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
            // The command's own settings, as Spectre binds them for the run itself.
            var settings = CliApp.Bind(args);
            int threads = (settings as ThreadSettings)?.ThreadCount() ?? (settings as SweepRunSettings)?.Threads ?? Environment.ProcessorCount;
            IEnumerable<ExperimentConfig> configs = settings switch
            {
                TrainSettings train => [train.BuildConfig(train.MethodToRun())],
                CompareSettings compare => compare.MethodsToRun().Select(compare.BuildConfig),
                BenchSettings bench => bench.Cases().Select(c => bench.BaseConfig(threads) is var b ? b.WithMethod(c.Method) with
                {
                    Data = b.Data with { Size = c.Size },
                    Training = b.Training with { BatchSize = c.Batch },
                } : null!),
                EvalSettings eval => [Checkpoint.ReadManifest(eval.Checkpoint!).Config],
                PredictSettings predict => [Checkpoint.ReadManifest(predict.Checkpoint!).Config],
                FiguresSettings figures => figures.CheckpointList().Select(c => Checkpoint.ReadManifest(c).Config).ToList(),
                SweepRunSettings sweep => SweepRuns(sweep),
                _ => [],
            };
            var shapes = NetworkConvolutions.Of(configs);
            return (shapes.Count > 0 ? shapes : NetworkConvolutions.KitDefaults(), threads);
        }
        // DataException: the config reads its task from the data folder, which the command itself then reports on.
        catch (Exception e) when (e is UsageException or ConfigException or CheckpointException or ArgumentException or SweepException
                                       or Asm.Research.Data.DataException or IOException or UnauthorizedAccessException)
        {
            return (NetworkConvolutions.KitDefaults(), Environment.ProcessorCount);
        }
    }

    // The runs `sweep run` will train: the one at --index (or the scheduler's index), or every run with --all.
    private static IEnumerable<ExperimentConfig> SweepRuns(SweepRunSettings settings)
    {
        var sweep = SweepFile.Load(settings.File, settings.RootFromCurrentFolder);
        return settings.All
            ? sweep.Runs.Select(r => r.Config)
            : [sweep.Run(SweepIndex.Resolve(settings.Index, Environment.GetEnvironmentVariable, sweep.Runs.Count)).Config];
    }

    /// <summary>This program run again with the check verb: <c>dotnet asm.dll</c> or the <c>asm</c> app host.</summary>
    private static ChildProcessConvolutionChecker? ThisProgram()
    {
        if (Environment.ProcessPath is not { } host) return null;
        return Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? new ChildProcessConvolutionChecker(host, typeof(OneDnnIsaSetup).Assembly.Location)
            : new ChildProcessConvolutionChecker(host);
    }
}
