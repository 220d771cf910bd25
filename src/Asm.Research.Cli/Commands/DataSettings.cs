using System.ComponentModel;
using Asm.Research.Cli.Options;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Commands;

/// <summary>The options of <c>asm data</c>.</summary>
public sealed class DataSettings : JsonSettings
{
    /// <summary>--data DIR|synthetic|scenes.</summary>
    [CommandOption("--data <DIR>")]
    [Description("A data folder (Weizmann horses, CamVid, or a labelmaps folder) or a built-in dataset: synthetic or scenes")]
    [DefaultValue("synthetic")]
    public string Data { get; init; } = "synthetic";

    /// <summary>--size N|HxW, or null for the default working size.</summary>
    [CommandOption("--size <N|HXW>")]
    [Description("Working size: N for N×N, or HEIGHTxWIDTH (e.g. 144x192) (data.size; default 128)")]
    public string? Size { get; init; }

    /// <summary>Every --set data.* in the order given.</summary>
    [CommandOption("--set <KEY=VALUE>")]
    [Description("Set a data key (repeatable, applied in order), e.g. data.testSplit=val, data.holdout=0.2")]
    public string[] Set { get; init; } = [];

    /// <summary>--markdown: the class table as Markdown.</summary>
    [CommandOption("--markdown")]
    [Description("Print the class table as Markdown (as in docs/RESULTS.md); notes go to stderr")]
    public bool Markdown { get; init; }
}
