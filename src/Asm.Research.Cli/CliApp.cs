using Asm.Research.Cli.Commands;
using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Platform;
using Asm.Research.Training;
using Asm.Research.Training.Checkpoints;
using Asm.Research.Training.Output;
using Asm.Research.Training.Methods;

namespace Asm.Research.Cli;

/// <summary>
/// The <c>asm</c> command line: dispatches to a command and maps failures to exit codes —
/// 0 success, 2 bad arguments or bad data (message on stderr naming the flag or file), 1 anything else.
/// </summary>
public static class CliApp
{
    private const string Usage = """
        asm — Adversarial Structure Matching research kit

        Commands:
        """;

    private static readonly Dictionary<string, (Func<IReadOnlyList<string>, CancellationToken, int> Run, string Help, bool UsesTorch)> Commands = new()
    {
        ["train"] = (TrainCommand.Run, TrainCommand.Help, true),
        ["eval"] = (EvalCommand.Run, EvalCommand.Help, true),
        ["compare"] = (CompareCommand.Run, CompareCommand.Help, true),
        ["bench"] = (BenchCommand.Run, BenchCommand.Help, true),
        ["summarize"] = (SummarizeCommand.Run, SummarizeCommand.Help, false),
        ["sweep"] = (SweepCommand.Run, SweepCommand.Help, true),
        ["notebook"] = (NotebookCommand.Run, NotebookCommand.Help, false),
        ["predict"] = (PredictCommand.Run, PredictCommand.Help, true),
        ["export"] = (ExportCommand.Run, ExportCommand.Help, false),
        ["figures"] = (FiguresCommand.Run, FiguresCommand.Help, false),
        ["report"] = (ReportCommand.Run, ReportCommand.Help, true),
    };

    /// <summary>
    /// Whether this command line will run libtorch (a training, evaluation or benchmark command,
    /// not its help): only those gain from the tuned malloc relaunch.
    /// </summary>
    public static bool UsesTorch(string[] args) =>
        args.Length > 0 && Commands.TryGetValue(args[0], out var command) && command.UsesTorch && !args.Skip(1).Any(IsHelp);

    /// <summary>Runs one command line; returns the process exit code.</summary>
    public static int Run(string[] args, CancellationToken cancellationToken = default)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(FullHelp());
            return args.Length == 0 ? 2 : 0;
        }
        if (!Commands.TryGetValue(args[0], out var command))
            return Fail($"unknown command '{args[0]}'. {FullHelp()}", 2);
        if (args.Skip(1).Any(IsHelp))
        {
            Console.WriteLine(command.Help);
            return 0;
        }
        try
        {
            return command.Run(args[1..], cancellationToken);
        }
        catch (Exception e) when (e is UsageException or ConfigException or DataException or CheckpointException or OutputFolderException)
        {
            return Fail(e.Message, 2);
        }
        catch (OperationCanceledException)
        {
            return Fail("cancelled", 1);
        }
        catch (Exception e) when (e is NonFiniteLossException or TorchRuntimeException)
        {
            return Fail(e.Message, 1);
        }
        catch (IOException e)
        {
            // A full disk, say: the kit's writes are atomic, so the last complete checkpoint is intact.
            return Fail($"could not read or write a file: {e.Message}", 1);
        }
        catch (Exception e)
        {
            return Fail($"unexpected error: {e}", 1);
        }
    }

    private static bool IsHelp(string arg) => arg is "-h" or "--help";

    private static string FullHelp() =>
        $"{Usage}\n{string.Join("\n", Commands.Values.Select(c => c.Help))}\n" +
        $"Methods:\n{string.Join("\n", MethodRegistry.All.Select(m => $"  {m.Name,-11} {m.Description}"))}\n" +
        "keys for --set: see README (e.g. asm.margin=0.5, asm.layers=1,2,3, optimizer.learningRate=0.01).\n" +
        "On Linux, train, eval, compare and bench run as a child process with tuned glibc malloc settings (faster steps);\n" +
        "ASM_ALLOCATOR=default, or your own GLIBC_TUNABLES, keeps it in this process as is.";

    private static int Fail(string message, int code)
    {
        Console.Error.WriteLine($"asm: {message}");
        return code;
    }
}
