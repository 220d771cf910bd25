using System.ComponentModel;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Commands;

/// <summary>What every <c>asm sweep</c> sub-command takes: the sweep file and <c>--root</c>.</summary>
public class SweepSettings : CommandSettings
{
    /// <summary>The sweep file.</summary>
    [CommandArgument(0, "<FILE>")]
    [Description("The sweep file (JSON; docs/SCALING.md)")]
    public string File { get; init; } = "";

    /// <summary>--root DIR, or null for the sweep file's output root.</summary>
    [CommandOption("--root <DIR>")]
    [Description("Replaces the sweep file's output root (e.g. where a shared volume is mounted)")]
    public string? Root { get; init; }
}
