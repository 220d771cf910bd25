namespace Asm.Research.Data;

/// <summary>A decoded dataset held in memory: the training and the test split.</summary>
/// <param name="Description">One line saying where the data came from and how it was split.</param>
/// <param name="Train">Training samples, in a fixed order.</param>
/// <param name="Test">Test samples, in a fixed order.</param>
public sealed record SegmentationDataset(string Description, IReadOnlyList<SegmentationSample> Train, IReadOnlyList<SegmentationSample> Test);
