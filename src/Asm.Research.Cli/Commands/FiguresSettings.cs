using System.ComponentModel;
using Asm.Research.Cli.Options;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Commands;

/// <summary>The options of <c>asm figures</c>.</summary>
public sealed class FiguresSettings : ThreadSettings
{
    /// <summary>The row the per-class deltas are measured from, when --baseline is not given.</summary>
    public const string DefaultBaseline = "ce";

    /// <summary>The two rows of the confusion figure, when --confusion is not given.</summary>
    public const string DefaultConfusion = "ce,asm+ce";

    /// <summary>--records DIR, or null for no record figures.</summary>
    [CommandOption("--records <DIR>")]
    [Description("Recorded runs, DIR/<row>-seed<N>/ (result.json, epochs.json); their kind decides the figures. Figure-ground: per-epoch test IoU " +
                 "(and --questions' charts). Multi-class: per-class IoU and boundary F minus --baseline's, the --confusion pair's matrices, per-epoch test mIoU. " +
                 "Charts need chromium (ASM_CHROMIUM names another browser)")]
    public string? Records { get; init; }

    /// <summary>--methods a,b,…: the rows drawn, or null for all.</summary>
    [CommandOption("--methods <LIST>")]
    [Description("The rows drawn from --records and --curves, in order, e.g. ce,asm+ce,ce_weighted (default: every row with records, in the kit's method order; per-epoch charts: those with a record of --seed)")]
    public string? Methods { get; init; }

    /// <summary>--seed N: the per-epoch charts' seed.</summary>
    [CommandOption("--seed <N>")]
    [Description("The per-epoch charts' seed")]
    [DefaultValue(0)]
    [AtLeast(0)]
    public int Seed { get; init; }

    /// <summary>--questions FILE, or null for no study charts.</summary>
    [CommandOption("--questions <FILE>")]
    [Description("A study's questions (JSON, as docs/study/questions.json): one grouped-bar chart per question of its rows' figure-ground records under --records, OUT/study-<name>.png")]
    public string? Questions { get; init; }

    /// <summary>--baseline ROW, or null for <see cref="DefaultBaseline"/>.</summary>
    [CommandOption("--baseline <ROW>")]
    [Description("Multi-class --records: the row the per-class differences are measured from, OUT/class-iou-delta.png and class-boundary-f-delta.png (default: ce)")]
    public string? Baseline { get; init; }

    /// <summary>--confusion ROW,ROW, or null for <see cref="DefaultConfusion"/>.</summary>
    [CommandOption("--confusion <ROW,ROW>")]
    [Description("Multi-class --records: the two rows whose confusion matrices (seeds summed, rows normalised) are drawn side by side, OUT/confusion-<a>-vs-<b>.png (default: ce,asm+ce)")]
    public string? Confusion { get; init; }

    /// <summary>--curves DIR, or null for no per-epoch chart of other records.</summary>
    [CommandOption("--curves <DIR>")]
    [Description("Only the per-epoch chart, of DIR's records at --seed, e.g. a pilot scored on held-out training images (data.holdout) as OUT/holdout-miou-per-epoch.png")]
    public string? Curves { get; init; }

    /// <summary>--checkpoints DIR,DIR,…, or null for no prediction figure.</summary>
    [CommandOption("--checkpoints <LIST>")]
    [Description("Checkpoint folders, comma-separated, one column each, on the test images where their per-image (m)IoU differs most: " +
                 "figure-ground ones as error maps (OUT/error-maps.png), multi-class ones as label maps in the class colours (OUT/class-predictions.png)")]
    public string? Checkpoints { get; init; }

    /// <summary>--data DIR|synthetic|scenes, or null for the first checkpoint's.</summary>
    [CommandOption("--data <DIR>")]
    [Description("The checkpoints' test data, a folder, synthetic or scenes (default: the first checkpoint's)")]
    public string? Data { get; init; }

    /// <summary>--count N: rows of the prediction figure.</summary>
    [CommandOption("--count <N>")]
    [Description("Test images in the checkpoints' figure, one row each")]
    [DefaultValue(4)]
    [AtLeast(1)]
    public int Count { get; init; } = 4;

    /// <summary>--out DIR for the figures and figures.md.</summary>
    [CommandOption("--out <DIR>")]
    [Description("Where the PNGs and figures.md (captions and numbers) go")]
    [DefaultValue("docs/figures")]
    public string Out { get; init; } = Path.Combine("docs", "figures");

    /// <summary>--checkpoints as a list (empty when not given).</summary>
    public IReadOnlyList<string> CheckpointList() => List(Checkpoints);

    /// <summary>--methods as a list, or null for every row.</summary>
    public IReadOnlyList<string>? MethodList() => Methods is null ? null : List(Methods);

    /// <summary>--confusion as its two rows (the default's without it).</summary>
    public (string Left, string Right) ConfusionRows() => List(Confusion ?? DefaultConfusion) is [var left, var right] ? (left, right) : throw new InvalidOperationException("validated");

    /// <inheritdoc/>
    public override ValidationResult Validate() =>
        Records is null && Curves is null && CheckpointList().Count == 0
            ? ValidationResult.Error("figures: give --records DIR (record figures), --curves DIR (per-epoch chart) and/or --checkpoints DIR,DIR (predictions)")
        : Questions is not null && Records is null
            ? ValidationResult.Error("--questions: the study charts are drawn from records: give --records DIR too")
        : (Baseline ?? Confusion) is not null && Records is null
            ? ValidationResult.Error($"{(Baseline is not null ? "--baseline" : "--confusion")}: the per-class figures are drawn from multi-class records: give --records DIR too")
        : Methods is not null && MethodList()!.Count == 0
            ? ValidationResult.Error("--methods: give at least one row")
        : Confusion is not null && (List(Confusion) is not [var a, var b] || a == b)
            ? ValidationResult.Error($"--confusion '{Confusion}': give two different rows, e.g. {DefaultConfusion}")
        : ValidationResult.Success();

    private static IReadOnlyList<string> List(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
