using Spectre.Console;

namespace Asm.Research.Cli.Help;

/// <summary>The console Spectre.Console.Cli writes help to: stdout, as wide as the terminal.</summary>
internal static class CliConsole
{
    /// <summary>
    /// Help piped to a file or a test gets 120 columns rather than Spectre's 80, so that an option's
    /// description stays on its line and a long token (a list of methods) is never split.
    /// </summary>
    private const int RedirectedWidth = 120;

    /// <summary>A console on <see cref="Console.Out"/>.</summary>
    public static IAnsiConsole Create()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected) console.Profile.Width = Math.Max(console.Profile.Width, RedirectedWidth);
        return console;
    }

    /// <summary>A console that writes nowhere, for parsing a command line without showing anything.</summary>
    public static IAnsiConsole Silent() =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null), Ansi = AnsiSupport.No });
}
