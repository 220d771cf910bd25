using System.ComponentModel;
using Asm.Research.Cli.Options;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Commands;

/// <summary>The options of <c>asm compare</c>.</summary>
public sealed class CompareSettings : TrainingSettings
{
    /// <summary>--methods a,b,…: known, none twice.</summary>
    [CommandOption("--methods <LIST>")]
    [MethodNamesDescription("Methods to train, comma-separated, some of {0}", ",")]
    [DefaultValue("bce,asm,asm+bce")]
    [TypeConverter(typeof(MethodListConverter))]
    public IReadOnlyList<string> Methods { get; init; } = ["bce", "asm", "asm+bce"];

    /// <summary>--seeds 0,1,2: whole numbers ≥ 0, none twice.</summary>
    [CommandOption("--seeds <LIST>")]
    [Description("Seeds, comma-separated; every method trains with every seed")]
    [DefaultValue("0")]
    [TypeConverter(typeof(IntListConverter))]
    public IReadOnlyList<int> Seeds { get; init; } = [0];

    /// <summary>--out DIR, or null to keep only the printed record.</summary>
    [CommandOption("--out <DIR>")]
    [Description("Each run's checkpoint and result.json go to DIR/<method>-seed<N>/ and the whole record to DIR/compare.json; " +
                 "every run's folder must be new or empty unless --resume (continue each run) or --force (replace the kit's files)")]
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
