using System.ComponentModel;
using Asm.Research.Cli.Options;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Commands;

/// <summary>The options of <c>asm report</c>.</summary>
public sealed class ReportSettings : ThreadSettings
{
    /// <summary>--records DIR (required).</summary>
    [CommandOption("--records <DIR>")]
    [Description("A folder of run records (complete result.json files, e.g. a compare --out folder or docs/results) (required)")]
    public string? Records { get; init; }

    /// <summary>--out FILE.html (required).</summary>
    [CommandOption("--out <FILE>")]
    [Description("The page, FILE.html; replaces only a page the kit wrote (required)")]
    public string? Out { get; init; }

    /// <summary>--data DIR|synthetic, or null for the records' own.</summary>
    [CommandOption("--data <DIR>")]
    [Description("Test data for the checkpoints' predictions, a folder or synthetic (default: the first record's)")]
    public string? Data { get; init; }

    /// <summary>--count N: test images shown.</summary>
    [CommandOption("--count <N>")]
    [Description("Test images shown, where the predictors differ most")]
    [DefaultValue(4)]
    [AtLeast(1)]
    public int Count { get; init; } = 4;

    /// <inheritdoc/>
    public override ValidationResult Validate() =>
        Records is null ? ValidationResult.Error("report: --records DIR is required (a folder of run records, e.g. docs/results)")
        : Out is null ? ValidationResult.Error("report: --out FILE.html is required")
        : ValidationResult.Success();
}
