using Spectre.Console.Cli;

namespace Asm.Research.Cli;

/// <summary>
/// Refuses words Spectre parsed but no option took: an unknown option, or anything after <c>--</c>.
/// Spectre's own strict mode would do this but, on a missing option value, retries the command line
/// with a placeholder word inserted and may bind that word as the value; relaxed parsing plus this
/// check reports the missing value instead.
/// </summary>
internal sealed class StrictArguments : ICommandInterceptor
{
    /// <inheritdoc/>
    /// <exception cref="UsageException">An unknown option or a stray word; the message names it.</exception>
    public void Intercept(CommandContext context, CommandSettings settings)
    {
        string command = UsageErrors.CommandPath(context.Arguments);
        if (context.Remaining.Parsed.FirstOrDefault() is { } unknown)
            throw new UsageException(UsageErrors.UnknownOption(command, unknown.Key));
        if (context.Remaining.Raw.Count > 0)
            throw new UsageException($"{command}: unexpected argument(s) after --: {string.Join(' ', context.Remaining.Raw)}");
    }

    /// <inheritdoc/>
    public void InterceptResult(CommandContext context, CommandSettings settings, ref int result)
    {
    }
}
