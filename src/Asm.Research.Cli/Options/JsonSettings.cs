using System.ComponentModel;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Options;

/// <summary>The option of every command that reports a result: <c>--json</c>.</summary>
public class JsonSettings : CommandSettings
{
    /// <summary>The help text of <c>--json</c>, shared with the sweep commands that declare it on their own base.</summary>
    public const string JsonHelp = "Print the result as one JSON object, the last line on stdout (notes and progress go to stderr)";

    /// <summary>--json: results as JSON.</summary>
    [CommandOption("--json")]
    [Description(JsonHelp)]
    public bool Json { get; init; }
}
