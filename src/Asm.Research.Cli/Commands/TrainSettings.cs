using System.ComponentModel;
using Asm.Research.Cli.Options;
using Asm.Research.Training.Methods;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Commands;

/// <summary>The options of <c>asm train</c>.</summary>
public sealed class TrainSettings : TrainingSettings
{
    /// <summary>--method NAME, one of the registry's.</summary>
    [CommandOption("--method <METHOD>")]
    [MethodNamesDescription("The method: {0}", "|")]
    [DefaultValue("asm")]
    public string Method { get; init; } = "asm";

    /// <summary>--out DIR, or null for runs/&lt;method&gt;-seed&lt;N&gt;.</summary>
    [CommandOption("--out <DIR>")]
    [Description("The run's folder: new or empty unless --resume or --force (default: runs/<method>-seed<N>)")]
    public string? Out { get; init; }

    /// <inheritdoc/>
    public override ValidationResult Validate()
    {
        if (!MethodRegistry.Contains(Method))
            return ValidationResult.Error($"--method '{Method}' is unknown; expected one of {string.Join(", ", MethodRegistry.Names)}");
        return base.Validate();
    }
}
