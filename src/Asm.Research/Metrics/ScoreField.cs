namespace Asm.Research.Metrics;

/// <summary>One score of <see cref="SegmentationScores"/>: its record key, a column title and how to read it.</summary>
/// <param name="Key">The key in result records (e.g. <c>boundary_f</c>).</param>
/// <param name="Title">A short column title (e.g. "boundary F").</param>
/// <param name="Read">Reads the score from a record.</param>
public sealed record ScoreField(string Key, string Title, Func<SegmentationScores, double> Read);
