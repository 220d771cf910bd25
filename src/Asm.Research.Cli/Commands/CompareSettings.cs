using System.ComponentModel;
using Asm.Research.Cli.Options;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Commands;

/// <summary>The options of <c>asm compare</c>.</summary>
public sealed class CompareSettings : TrainingSettings
{
    /// <summary>--methods a,b,…: known, none twice; null: <see cref="DefaultMethods"/> for the data's task.</summary>
    [CommandOption("--methods <LIST>")]
    [MethodNamesDescription("Methods to train, comma-separated, some of {0} (default: bce,asm,asm+bce; on multi-class data ce,asm,asm+ce)", ",")]
    [TypeConverter(typeof(MethodListConverter))]
    public IReadOnlyList<string>? Methods { get; init; }

    /// <summary>The methods compared when --methods is not given: the IID baseline, ASM alone and ASM with the baseline's loss.</summary>
    public static IReadOnlyList<string> DefaultMethods(Asm.Research.Data.Tasks.SegmentationTask task) =>
        task.IsBinary ? ["bce", "asm", "asm+bce"] : ["ce", "asm", "asm+ce"];

    /// <summary>--methods, or the defaults for the task of the data the options name.</summary>
    public IReadOnlyList<string> MethodsToRun() => Methods ?? DefaultMethods(BuildConfig("asm").Task);

    /// <summary>--seeds 0,1,2: whole numbers ≥ 0, none twice.</summary>
    [CommandOption("--seeds <LIST>")]
    [Description("Seeds, comma-separated; every method trains with every seed")]
    [DefaultValue("0")]
    [TypeConverter(typeof(IntListConverter))]
    public IReadOnlyList<int> Seeds { get; init; } = [0];

    /// <summary>--out DIR, or null for a new folder runs/compare-&lt;date-time&gt;.</summary>
    [CommandOption("--out <DIR>")]
    [Description("Each run's checkpoint and result.json go to DIR/<method>-seed<N>/, the whole record to DIR/compare.json and " +
                 "the report to DIR/report.html (unless --report); every run's folder must be new or empty unless --resume " +
                 "(continue each run) or --force (replace the kit's files) (default: a new folder runs/compare-<yyyyMMdd-HHmmss>)")]
    public string? Out { get; init; }

    /// <inheritdoc/>
    public override ValidationResult Validate()
    {
        var repeatedSeed = Seeds.GroupBy(s => s).FirstOrDefault(g => g.Count() > 1);
        if (repeatedSeed is not null)
            return ValidationResult.Error($"--seeds: {repeatedSeed.Key} is listed more than once; every run needs its own seed (and folder)");
        return base.Validate();
    }
}
