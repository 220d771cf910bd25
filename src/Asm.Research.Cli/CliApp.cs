using Asm.Research.Cli.Help;
using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Platform;
using Asm.Research.Training;
using Asm.Research.Training.Checkpoints;
using Asm.Research.Training.Output;
using Spectre.Console.Cli;

namespace Asm.Research.Cli;

/// <summary>
/// The <c>asm</c> command line: parses it with Spectre.Console.Cli, runs the command and maps
/// failures to exit codes — 0 success, 2 bad arguments or bad data (message on stderr naming the
/// flag or file), 1 anything else. This is the one place that decides exit codes.
/// </summary>
public static class CliApp
{
    private static readonly string[] HelpFlags = ["-h", "-?", "--help"];

    /// <summary>
    /// Whether this command line will run libtorch (a training, evaluation or benchmark command,
    /// not its help): only those gain from the tuned malloc relaunch.
    /// </summary>
    public static bool UsesTorch(string[] args) =>
        args.Length > 0 && CliCommands.All.Any(c => c.Name == args[0] && c.RunsTorch(args)) && !args.Skip(1).Any(HelpFlags.Contains);

    /// <summary>Runs one command line; returns the process exit code.</summary>
    public static int Run(string[] args, CancellationToken cancellationToken = default)
    {
        // Nothing to run (no command, or a branch without its sub-command): the help, as a usage error.
        if (args.Length == 0 || (CliCommands.All.Any(c => c.IsBranch && c.Name == args[0]) && args.Skip(1).All(a => a.StartsWith('-') && !HelpFlags.Contains(a))))
        {
            Execute(args.Length == 0 ? ["--help"] : [args[0], "--help"], cancellationToken);
            return 2;
        }
        // `asm help` and `asm help CMD …` read as `asm --help` and `asm CMD … --help`.
        if (args[0] == "help") args = [.. args[1..], "--help"];
        return Execute(args, cancellationToken);
    }

    /// <summary>Every example the commands' help shows, by command path ("train", "sweep run").</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string[]>> HelpExamples => CliCommands.Examples;

    /// <summary>
    /// The settings Spectre binds for <paramref name="args"/>, without running the command (null for
    /// help, or a command line that does not parse or validate): for choices made before the command
    /// runs (the oneDNN ISA), and for tests of the parsing itself.
    /// </summary>
    public static CommandSettings? Bind(string[] args)
    {
        var capture = new SettingsCapture();
        var app = new CommandApp();
        app.Configure(config =>
        {
            CliCommands.Configure(config, CliConsole.Silent());
            config.SetInterceptor(capture);
        });
        try
        {
            app.Run(args);
        }
        catch (SettingsCapture.Captured)
        {
            return capture.Settings;
        }
        catch (CommandAppException)
        {
        }
        return null;
    }

    private static int Execute(string[] args, CancellationToken cancellationToken)
    {
        var app = new CommandApp();
        app.Configure(config => CliCommands.Configure(config, CliConsole.Create()));
        try
        {
            return app.Run(args, cancellationToken);
        }
        catch (Exception e) when (e is UsageException or ConfigException or DataException or CheckpointException or OutputFolderException)
        {
            return Fail(e.Message, 2);
        }
        catch (Exception e) when (UsageErrors.IsUsage(e))
        {
            return Fail(UsageErrors.Describe(e, args), 2);
        }
        catch (OperationCanceledException)
        {
            return Fail("cancelled", 1);
        }
        catch (Exception e) when (e is NonFiniteLossException or TorchRuntimeException or NativeFaultException)
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

    private static int Fail(string message, int code)
    {
        Console.Error.WriteLine($"asm: {message}");
        return code;
    }

    /// <summary>Stops a run once Spectre has bound the settings, before the command is validated or run.</summary>
    private sealed class SettingsCapture : ICommandInterceptor
    {
        public CommandSettings? Settings { get; private set; }

        public void Intercept(CommandContext context, CommandSettings settings)
        {
            Settings = settings;
            throw new Captured();
        }

        public void InterceptResult(CommandContext context, CommandSettings settings, ref int result)
        {
        }

        internal sealed class Captured : Exception;
    }
}
