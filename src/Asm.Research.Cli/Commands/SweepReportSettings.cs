using System.ComponentModel;
using Asm.Research.Cli.Options;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Commands;

/// <summary>The sweep sub-commands that report a result (list, run): the sweep file, <c>--root</c> and <c>--json</c>.</summary>
public class SweepReportSettings : SweepSettings
{
    /// <summary>--json: results as JSON.</summary>
    [CommandOption("--json")]
    [Description(JsonSettings.JsonHelp)]
    public bool Json { get; init; }
}
