using Asm.Research.Data.Tasks;

namespace Asm.Research.Tests.Training;

/// <summary>Small multi-class tasks for tests.</summary>
internal static class Tasks
{
    /// <summary>Five classes, void 255, one confusion pair.</summary>
    public static SegmentationTask FiveClasses { get; } = SegmentationTask.MultiClass("five",
        [new("a", "#FF0000"), new("b", "#00FF00"), new("c", "#0000FF"), new("d", "#FFFF00"), new("e", "#00FFFF")], 255, [("a", "b")]);
}
