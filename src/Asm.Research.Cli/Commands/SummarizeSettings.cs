using System.ComponentModel;
using Asm.Research.Cli.Options;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Commands;

/// <summary>The options of <c>asm summarize</c>.</summary>
public sealed class SummarizeSettings : JsonSettings
{
    /// <summary>--records DIR|SWEEP.json (required).</summary>
    [CommandOption("--records <PATH>")]
    [Description("A folder of run records, or a sweep file (its output root is read) (required)")]
    public string? Records { get; init; }

    /// <summary>--markdown: a Markdown table.</summary>
    [CommandOption("--markdown")]
    [Description("Print a Markdown table (the one in docs/RESULTS.md); notes go to stderr")]
    public bool Markdown { get; init; }

    /// <summary>--task NAME: only the records of this task.</summary>
    [CommandOption("--task <NAME>")]
    [Description("Only the records of this task (figure-ground, camvid, scenes, or a labelmaps folder's name); without it, one table per task")]
    public string? Task { get; init; }

    /// <summary>--classes: the per-class tables of multi-class records.</summary>
    [CommandOption("--classes")]
    [Description("Multi-class records: also per-class IoU, per-class boundary F and the confusion pairs' shares (mean ± std over seeds)")]
    public bool Classes { get; init; }

    /// <inheritdoc/>
    public override ValidationResult Validate() =>
        Records is null ? ValidationResult.Error("summarize: --records DIR is required") : ValidationResult.Success();
}
