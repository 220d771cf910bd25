using System.ComponentModel;
using Asm.Research.Cli.Options;
using Asm.Research.Training.Methods;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Commands;

/// <summary>The options of <c>asm train</c>.</summary>
public sealed class TrainSettings : TrainingSettings
{
    /// <summary>--method NAME, one of the registry's; null: <see cref="DefaultMethod"/> for the data's task.</summary>
    [CommandOption("--method <METHOD>")]
    [MethodNamesDescription("The method: {0} (default: asm+bce, on multi-class data asm+ce: ASM as the paper trains it, with " +
                            "the supervised loss; ASM alone was the weakest row of the Weizmann study, see docs/RESULTS.md)", "|")]
    public string? Method { get; init; }

    /// <summary>ASM with the task's supervised loss: the paper's setting, and above the supervised loss alone in the Weizmann study.</summary>
    public static string DefaultMethod(Asm.Research.Data.Tasks.SegmentationTask task) => task.IsBinary ? "asm+bce" : "asm+ce";

    /// <summary>--method, or the default for the task of the data the options name.</summary>
    public string MethodToRun() => Method ?? DefaultMethod(BuildConfig("asm").Task);

    /// <summary>--out DIR, or null for runs/&lt;method&gt;-seed&lt;N&gt;.</summary>
    [CommandOption("--out <DIR>")]
    [Description("The run's folder: new or empty unless --resume or --force (default: runs/<method>-seed<N>)")]
    public string? Out { get; init; }

    /// <inheritdoc/>
    public override ValidationResult Validate()
    {
        if (Method is not null && !MethodRegistry.Contains(Method))
            return ValidationResult.Error($"--method '{Method}' is unknown; expected one of {string.Join(", ", MethodRegistry.Names)}");
        return base.Validate();
    }
}
