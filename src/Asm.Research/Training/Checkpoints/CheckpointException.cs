namespace Asm.Research.Training.Checkpoints;

/// <summary>A checkpoint that cannot be used: missing, corrupt, or from another config. The message names the file or key.</summary>
public sealed class CheckpointException(string message, Exception? inner = null) : Exception(message, inner);
