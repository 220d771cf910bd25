namespace Asm.Research.Training;

/// <summary>
/// libtorch failed inside a run (an <see cref="System.Runtime.InteropServices.ExternalException"/>: an out-of-memory in
/// native code, a kernel error); the checkpoint of <see cref="LastCompleteEpoch"/> is kept, so the run can be resumed.
/// </summary>
public sealed class NativeFaultException(string message, int lastCompleteEpoch, Exception inner) : Exception(message, inner)
{
    /// <summary>The last epoch recorded (and, with an output folder, checkpointed) before the fault; 0 if none.</summary>
    public int LastCompleteEpoch { get; } = lastCompleteEpoch;

    /// <summary>The same fault, its message ending with how to resume (a copy-pasteable command line).</summary>
    public NativeFaultException WithResume(string command) =>
        new($"{Message}; resume with: {command}", LastCompleteEpoch, InnerException!);
}
