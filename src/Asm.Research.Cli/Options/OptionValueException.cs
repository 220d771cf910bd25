namespace Asm.Research.Cli.Options;

/// <summary>
/// An option's text that its converter cannot read. Spectre wraps it and adds the text but not
/// the option; <see cref="UsageErrors"/> puts the option's name in front of this message.
/// </summary>
public sealed class OptionValueException(string message) : FormatException(message);
