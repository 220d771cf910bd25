using Spectre.Console.Cli;
using Spectre.Console.Cli.Help;

namespace Asm.Research.Cli.Options;

/// <summary>How an option is spelled on the command line, for messages that name it.</summary>
internal static class OptionName
{
    /// <summary><c>--name</c> (or <c>-n</c> for an option with only a short name); a property name for anything else.</summary>
    public static string Of(ICommandParameterInfo parameter) => parameter switch
    {
        ICommandOption { LongNames.Count: > 0 } option => $"--{option.LongNames[0]}",
        ICommandOption { ShortNames.Count: > 0 } option => $"-{option.ShortNames[0]}",
        _ => parameter.PropertyName,
    };
}
