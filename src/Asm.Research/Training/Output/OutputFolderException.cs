namespace Asm.Research.Training.Output;

/// <summary>A run's output folder cannot be used as asked (a file, not writable, or holding something that would be replaced); the message names it and what to do.</summary>
public sealed class OutputFolderException(string message, Exception? inner = null) : Exception(message, inner);
