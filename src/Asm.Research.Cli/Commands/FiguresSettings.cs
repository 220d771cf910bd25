using System.ComponentModel;
using Asm.Research.Cli.Options;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Commands;

/// <summary>The options of <c>asm figures</c>.</summary>
public sealed class FiguresSettings : ThreadSettings
{
    /// <summary>--records DIR, or null for no per-epoch chart.</summary>
    [CommandOption("--records <DIR>")]
    [Description("Run folders DIR/<method>-seed<N>/ whose epochs.json give the per-epoch test IoU chart (needs chromium; ASM_CHROMIUM names another browser)")]
    public string? Records { get; init; }

    /// <summary>--methods a,b,…: the chart's methods.</summary>
    [CommandOption("--methods <LIST>")]
    [Description("The chart's methods, comma-separated")]
    [DefaultValue("bce,cgan,asm,asm+bce")]
    public string Methods { get; init; } = "bce,cgan,asm,asm+bce";

    /// <summary>--seed N: the chart's seed.</summary>
    [CommandOption("--seed <N>")]
    [Description("The chart's seed")]
    [DefaultValue(0)]
    [AtLeast(0)]
    public int Seed { get; init; }

    /// <summary>--questions FILE, or null for no study charts.</summary>
    [CommandOption("--questions <FILE>")]
    [Description("A study's questions (JSON, as docs/study/questions.json): one grouped-bar chart per question of its rows' records under --records, OUT/study-<name>.png")]
    public string? Questions { get; init; }

    /// <summary>--checkpoints DIR,DIR,…, or null for no error maps.</summary>
    [CommandOption("--checkpoints <LIST>")]
    [Description("Checkpoint folders, comma-separated, whose predictors' error maps are compared, one column each, on the test images where their IoU differs most")]
    public string? Checkpoints { get; init; }

    /// <summary>--data DIR|synthetic, or null for the first checkpoint's.</summary>
    [CommandOption("--data <DIR>")]
    [Description("The error maps' test data, a folder or synthetic (default: the first checkpoint's)")]
    public string? Data { get; init; }

    /// <summary>--count N: error-map rows.</summary>
    [CommandOption("--count <N>")]
    [Description("Test images in the error maps, one row each")]
    [DefaultValue(4)]
    [AtLeast(1)]
    public int Count { get; init; } = 4;

    /// <summary>--out DIR for the figures and figures.md.</summary>
    [CommandOption("--out <DIR>")]
    [Description("Where the PNGs and figures.md (captions and numbers) go")]
    [DefaultValue("docs/figures")]
    public string Out { get; init; } = Path.Combine("docs", "figures");

    /// <summary>--checkpoints as a list (empty when not given).</summary>
    public IReadOnlyList<string> CheckpointList() =>
        (Checkpoints ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <inheritdoc/>
    public override ValidationResult Validate() =>
        Records is null && CheckpointList().Count == 0
            ? ValidationResult.Error("figures: give --records DIR (per-epoch chart) and/or --checkpoints DIR,DIR (error maps)")
        : Questions is not null && Records is null
            ? ValidationResult.Error("--questions: the study charts are drawn from records: give --records DIR too")
        : ValidationResult.Success();
}
