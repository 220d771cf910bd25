using Asm.Research.Data.Tasks;

namespace Asm.Research.Data;

/// <summary>A decoded dataset held in memory: the training and the test split, and the task they are labelled for.</summary>
/// <param name="Description">One line saying where the data came from and how it was split.</param>
/// <param name="Train">Training samples, in a fixed order.</param>
/// <param name="Test">Test samples, in a fixed order.</param>
/// <param name="Task">The classes, void and output kind of the labels.</param>
public sealed record SegmentationDataset(string Description, IReadOnlyList<SegmentationSample> Train, IReadOnlyList<SegmentationSample> Test, SegmentationTask Task)
{
    /// <summary>A figure-ground dataset (binary task).</summary>
    public SegmentationDataset(string description, IReadOnlyList<SegmentationSample> train, IReadOnlyList<SegmentationSample> test)
        : this(description, train, test, SegmentationTask.FigureGround) { }
}
