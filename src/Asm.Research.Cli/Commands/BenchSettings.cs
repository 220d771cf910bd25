using System.ComponentModel;
using Asm.Research.Cli.Options;
using Asm.Research.Configuration;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Commands;

/// <summary>The options of <c>asm bench</c>.</summary>
public sealed class BenchSettings : ConfigSettings
{
    /// <summary>--methods a,b,…: known, none twice.</summary>
    [CommandOption("--methods <LIST>")]
    [MethodNamesDescription("Methods to time, comma-separated, any of {0}", ",")]
    [DefaultValue("bce,asm,cgan")]
    [TypeConverter(typeof(MethodListConverter))]
    public IReadOnlyList<string> Methods { get; init; } = ["bce", "asm", "cgan"];

    /// <summary>--sizes: N or HxW, each side a multiple of 16 and at least 32.</summary>
    [CommandOption("--sizes <LIST>")]
    [Description("Working sizes, comma-separated, each N or HEIGHTxWIDTH (e.g. 144x192) with sides multiples of 16 and at least 32 (cgan runs from 64)")]
    [DefaultValue("64,128,256")]
    [TypeConverter(typeof(SizeListConverter))]
    public IReadOnlyList<ImageSize> Sizes { get; init; } = [64, 128, 256];

    /// <summary>--data: the images timed.</summary>
    [CommandOption("--data <DIR>")]
    [Description("The images timed: synthetic (the horses), scenes (six-class road scenes) or a data folder (e.g. CamVid: its first training images); multi-class data times ce, asm+ce, …")]
    [DefaultValue("synthetic")]
    public string Data { get; init; } = "synthetic";

    /// <summary>--batches: each at least 2.</summary>
    [CommandOption("--batches <LIST>")]
    [Description("Batch sizes, comma-separated, each at least 2")]
    [DefaultValue("8")]
    [TypeConverter(typeof(IntListConverter))]
    public IReadOnlyList<int> Batches { get; init; } = [8];

    /// <summary>--steps N: timed steps.</summary>
    [CommandOption("--steps <N>")]
    [Description("Timed training steps per case (the median is reported)")]
    [DefaultValue(10)]
    [AtLeast(1)]
    public int Steps { get; init; } = 10;

    /// <summary>--warmup N: untimed steps first.</summary>
    [CommandOption("--warmup <N>")]
    [Description("Untimed warm-up steps before them")]
    [DefaultValue(3)]
    [AtLeast(1)]
    public int Warmup { get; init; } = 3;

    /// <inheritdoc/>
    public override ValidationResult Validate()
    {
        if (Sizes.Any(s => s.MinSide < 32 || s.Height % 16 != 0 || s.Width % 16 != 0))
            return ValidationResult.Error("--sizes: each side must be a multiple of 16, at least 32");
        if (Batches.Any(b => b < 2)) return ValidationResult.Error("--batches: each batch must be at least 2");
        return ValidationResult.Success();
    }

    /// <summary>The config every case starts from: --set's values with this command's --threads.</summary>
    public ExperimentConfig BaseConfig(int threads) =>
        ConfigOverrides.Apply(new ExperimentConfig { Data = new DataConfig { Source = Data } }, Set) is var c
            ? c with { Training = c.Training with { Threads = threads } } : null!;

    /// <summary>Every method × size × batch to time, in order; cgan below 64 px is left out.</summary>
    public IReadOnlyList<(string Method, ImageSize Size, int Batch)> Cases() =>
        (from size in Sizes from batch in Batches from method in Methods
         where method != "cgan" || size.MinSide >= 64
         select (method, size, batch)).ToList();
}
