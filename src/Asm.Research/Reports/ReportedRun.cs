using Asm.Research.Training;

namespace Asm.Research.Reports;

/// <summary>One finished run as a report shows it: its record and what it recorded while training.</summary>
/// <param name="Label">The row it belongs to (a method, or a setting's folder in a sweep); seeds of one setting share it.</param>
/// <param name="Result">Its <c>result.json</c> record (or an evaluation's scores in that shape).</param>
/// <param name="History">Per-epoch (and, when known, per-step) history; empty when nothing was kept.</param>
public sealed record ReportedRun(string Label, RunResult Result, TrainingHistory History)
{
    /// <summary>"label seed N", the run's name in charts and per-seed tables.</summary>
    public string Name => $"{Label} seed {Result.Seed}";
}
