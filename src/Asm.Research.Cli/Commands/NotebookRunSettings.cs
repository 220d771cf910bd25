using System.ComponentModel;
using Asm.Research.Cli.Options;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Commands;

/// <summary>The options of <c>asm notebook run</c>.</summary>
public sealed class NotebookRunSettings : JsonSettings
{
    /// <summary>The notebook to run (optional here only so that its absence gets the kit's own message).</summary>
    [CommandArgument(0, "[NB.ipynb]")]
    [Description("The notebook to run")]
    public string? Notebook { get; init; }

    /// <summary>--mode smoke|quick|full, or null for the environment's (else quick).</summary>
    [CommandOption("--mode <MODE>")]
    [Description("smoke, quick or full: sets ASM_NOTEBOOK_MODE (default: the environment's, else quick)")]
    public string? Mode { get; init; }

    /// <summary>Every -p name=value in the order given.</summary>
    [CommandOption("-p|--parameter <NAME=VALUE>")]
    [Description("Sets a variable of the cell tagged \"parameters\" (repeatable; papermill's convention: the values " +
                 "go into a new cell after it, recorded in the output's metadata)")]
    public string[] Parameters { get; init; } = [];

    /// <summary>--out DIR for the executed notebook and its report.</summary>
    [CommandOption("--out <DIR>")]
    [Description("Where DIR/NB.ipynb and DIR/NB.html are written")]
    [DefaultValue("notebook-runs")]
    public string Out { get; init; } = "notebook-runs";

    /// <summary>--no-report: no HTML report.</summary>
    [CommandOption("--no-report")]
    [Description("Write only the executed notebook, not the HTML report")]
    public bool NoReport { get; init; }

    /// <summary>--force: replace a DIR/NB.ipynb or DIR/NB.html that asm notebook run did not write.</summary>
    [CommandOption("--force")]
    [Description("Replace DIR/NB.ipynb or DIR/NB.html even when they are not outputs of asm notebook run")]
    public bool Force { get; init; }

    /// <inheritdoc/>
    public override ValidationResult Validate() => Notebook is null
        ? ValidationResult.Error("notebook run: which notebook? e.g. asm notebook run notebooks/01-data.ipynb")
        : ValidationResult.Success();
}
