using Asm.Research.Data.Tasks;

namespace Asm.Research.Metrics;

/// <summary>One score of <see cref="SegmentationScores"/>: its record key, a column title, how to read it and the tasks that have it.</summary>
/// <param name="Key">The key in result records (e.g. <c>boundary_f</c>).</param>
/// <param name="Title">A short column title (e.g. "boundary F").</param>
/// <param name="Read">Reads the score from a record; null where the record's task does not have it.</param>
/// <param name="Tasks">The kinds of task whose records have it.</param>
public sealed record ScoreField(string Key, string Title, Func<SegmentationScores, double?> Read, TaskKinds Tasks = TaskKinds.Any);
