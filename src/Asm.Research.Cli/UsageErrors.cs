using System.Text.RegularExpressions;
using Asm.Research.Cli.Options;
using Spectre.Console.Cli;

namespace Asm.Research.Cli;

/// <summary>
/// Spectre.Console.Cli's parse and binding errors as the kit's one-line usage messages, naming the
/// option: Spectre's own text names an unknown option without its dashes and a value it could not
/// convert without the option it was given to.
/// </summary>
internal static partial class UsageErrors
{
    /// <summary>Whether <paramref name="e"/> is bad usage that Spectre found (exit code 2).</summary>
    public static bool IsUsage(Exception e) => e is CommandParseException or CommandRuntimeException;

    /// <summary>The message for <paramref name="e"/>, for the command line <paramref name="args"/>.</summary>
    public static string Describe(Exception e, IReadOnlyList<string> args)
    {
        if (UnknownOptionPattern().Match(e.Message) is { Success: true } unknown)
        {
            // Spectre gives the name alone; long names have two characters or more.
            string name = unknown.Groups[1].Value;
            return UnknownOption(CommandPath(args), (name.Length == 1 ? "-" : "--") + name);
        }
        if (MissingValuePattern().Match(e.Message) is { Success: true } missing)
        {
            string name = missing.Groups[1].Value;
            string command = CommandPath(args);
            return $"{(command.Length == 0 ? "" : $"{command}: ")}{(name.Length == 1 ? "-" : "--")}{name} needs a value";
        }
        if (ConversionFailedPattern().Match(e.Message) is { Success: true } failed)
        {
            string value = failed.Groups[1].Value;
            // The kit's converters say what they expected; for int and int? it is the framework's Int32Converter.
            string problem = e.InnerException switch
            {
                OptionValueException inner => inner.Message,
                { Message: var inner } when inner.Contains("Int32", StringComparison.Ordinal) => "expected a whole number",
                { Message: var inner } => inner,
                null => "cannot be read",
            };
            return OptionGiven(value, args) is { } option ? $"{option} '{value}': {problem}" : $"'{value}': {problem}";
        }
        return e.Message.ReplaceLineEndings(" ").Trim();
    }

    /// <summary>The message for an option <paramref name="command"/> does not have.</summary>
    public static string UnknownOption(string command, string option) => command.Length == 0
        ? $"unknown option {option}; see asm --help"
        : $"{command}: unknown option {option}; see asm {command} --help";

    /// <summary>The command words of <paramref name="args"/>: "train", "sweep run", or "" for none.</summary>
    public static string CommandPath(IReadOnlyList<string> args)
    {
        var entry = CliCommands.All.FirstOrDefault(c => args.Count > 0 && c.Name == args[0]);
        if (entry is null) return "";
        return entry.IsBranch && args.Count > 1 && !args[1].StartsWith('-') ? $"{entry.Name} {args[1]}" : entry.Name;
    }

    // The option that was given `value`: `--name value` or `--name=value` (or `:`).
    private static string? OptionGiven(string value, IReadOnlyList<string> args)
    {
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == value && i > 0 && args[i - 1].StartsWith('-')) return args[i - 1];
            if (args[i].StartsWith('-') && args[i].IndexOfAny(['=', ':']) is var at and > 0 && args[i][(at + 1)..] == value) return args[i][..at];
        }
        return null;
    }

    [GeneratedRegex(@"^(?:Unknown|Unexpected) option '(.+)'\.$")]
    private static partial Regex UnknownOptionPattern();

    [GeneratedRegex(@"^Option '(.+)' is defined but no value has been provided\.$")]
    private static partial Regex MissingValuePattern();

    [GeneratedRegex(@"^Failed to convert '(.*)' to \S+?\.", RegexOptions.Singleline)]
    private static partial Regex ConversionFailedPattern();
}
