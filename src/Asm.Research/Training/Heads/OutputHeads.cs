using Asm.Research.Data.Tasks;
using static TorchSharp.torch;

namespace Asm.Research.Training.Heads;

/// <summary>Chooses the head of a task's output kind.</summary>
public static class OutputHeads
{
    /// <summary><see cref="SigmoidHead"/> for a binary task, <see cref="SoftmaxHead"/> (with <paramref name="classWeights"/>) otherwise.</summary>
    public static IOutputHead For(SegmentationTask task, Tensor? classWeights = null) => task.Kind switch
    {
        OutputKind.BinarySigmoid => new SigmoidHead(),
        OutputKind.Softmax => new SoftmaxHead(task.ClassCount, classWeights),
        _ => throw new ArgumentOutOfRangeException(nameof(task), task.Kind, "unknown output kind"),
    };
}
