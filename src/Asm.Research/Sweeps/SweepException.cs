namespace Asm.Research.Sweeps;

/// <summary>
/// A sweep that cannot go on as asked: a bad sweep file, a run folder held by another task or
/// holding another config, a bad run index. The message names the file, run or key. CLI exit code 2.
/// </summary>
public sealed class SweepException(string message) : Exception(message);
