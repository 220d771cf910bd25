namespace Asm.Research.Cli;

/// <summary>Bad command-line usage; the message names the option. Exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
