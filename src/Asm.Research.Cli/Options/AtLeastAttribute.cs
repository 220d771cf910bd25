using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Options;

/// <summary>A whole-number option's minimum; the error names the option, as the kit's other usage errors do.</summary>
[AttributeUsage(AttributeTargets.Property)]
// No message of its own: Spectre prints the attribute's message instead of Validate's when it has one, and only Validate names the option.
public sealed class AtLeastAttribute(int minimum) : ParameterValidationAttribute(errorMessage: string.Empty)
{
    /// <summary>The smallest value accepted.</summary>
    public int Minimum { get; } = minimum;

    /// <inheritdoc/>
    public override ValidationResult Validate(CommandParameterContext context) =>
        context.Value is not int value || value >= Minimum
            ? ValidationResult.Success()
            : ValidationResult.Error(string.Create(CultureInfo.InvariantCulture,
                $"{OptionName.Of(context.Parameter)} '{value}': expected a whole number of at least {Minimum}"));
}
