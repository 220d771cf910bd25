namespace Asm.Research.Notebooks;

/// <summary>A notebook that cannot be run as asked (unreadable file, unknown parameter, bad value); the message names it.</summary>
public sealed class NotebookException(string message) : Exception(message);
