using System.Globalization;
using Asm.Research.Cli.Commands;
using Asm.Research.Configuration;
using Asm.Research.Models;
using Asm.Research.Platform;
using Asm.Research.Training.Methods;
using TorchSharp;

namespace Asm.Research.Cli;

/// <summary>
/// Hidden <c>asm __check-network-gradients TRAIN-ARGS</c>: the whole-network float32-vs-float64 gradient check
/// (<see cref="NetworkGradientCheck"/>) of the networks <c>asm train TRAIN-ARGS</c> would run, at its size, under
/// the oneDNN ISA the kit chooses for that run (Program applies the choice first). The ISA is fixed per
/// process, so <c>NetworkGradientTests</c> runs this as a child to test the chosen ISA, not its own host's.
/// Prints one line per network: <c>result NETWORK ISA CROSSINGS ACTIVATIONS WORST PARAMETER</c> (the crossings' kinks aligned).
/// </summary>
internal static class NetworkGradientWorker
{
    /// <summary>The hidden verb.</summary>
    public const string Verb = "__check-network-gradients";

    /// <summary>The <c>train</c> command line whose networks and ISA are checked.</summary>
    public static string[] TrainArguments(string[] args) => ["train", .. args[1..]];

    /// <summary>Runs the check at batch 2 (enough for batch norm, quick at 128 px); returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        if (CliApp.Bind(TrainArguments(args)) is not TrainSettings settings)
        {
            Console.Error.WriteLine($"asm {Verb}: expected the arguments of asm train");
            return 2;
        }
        ExperimentConfig config;
        try
        {
            config = settings.BuildConfig(settings.MethodToRun());
        }
        catch (ConfigException e)
        {
            Console.Error.WriteLine($"asm {Verb}: {e.Message}");
            return 2;
        }
        TorchRuntime.EnsureLoaded();
        torch.set_num_threads(config.Training.Threads);
        foreach (var network in MethodRegistry.NetworksOf(config.Method))
        {
            var report = NetworkGradientCheck.Run(network, config, config.Data.Size.MinSide, batch: 2);
            var worst = report.Errors.MaxBy(e => e.Error)!;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"result {network} {TorchRuntime.OneDnnIsa.Isa} {report.KinkCrossings} {report.Activations} {worst.Error:R} {worst.Parameter}"));
        }
        return 0;
    }
}
