namespace Asm.Research.Training;

/// <summary>A loss became NaN or infinite; training stopped and the last good checkpoint was kept.</summary>
public sealed class NonFiniteLossException(string message) : Exception(message);
