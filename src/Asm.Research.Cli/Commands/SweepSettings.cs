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

    /// <summary>--root DIR as given, or null for the sweep file's output root.</summary>
    [CommandOption("--root <DIR>")]
    [Description("Replaces the sweep file's output root (e.g. where a shared volume is mounted); a relative DIR is taken from the current folder")]
    public string? Root { get; init; }

    /// <summary>
    /// --root DIR made absolute against the current folder (a path typed on the command line means what
    /// the shell means by it; the sweep file's own root is taken from the file's folder), or null.
    /// </summary>
    public string? RootFromCurrentFolder => Root is null ? null : Path.GetFullPath(Root);
}
