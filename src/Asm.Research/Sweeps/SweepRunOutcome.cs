using Asm.Research.Training;

namespace Asm.Research.Sweeps;

/// <summary>What one <see cref="SweepRunner.Run"/> did.</summary>
/// <param name="Run">The run.</param>
/// <param name="AlreadyComplete">True when the folder held a complete record: nothing was trained or written.</param>
/// <param name="ResumedFromEpoch">Epochs the attempt found in the checkpoint (0: started fresh).</param>
/// <param name="Result">The run's record.</param>
public sealed record SweepRunOutcome(SweepRun Run, bool AlreadyComplete, int ResumedFromEpoch, RunResult Result);
