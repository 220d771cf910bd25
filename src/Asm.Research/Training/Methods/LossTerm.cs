using static TorchSharp.torch;

namespace Asm.Research.Training.Methods;

/// <summary>
/// One weighted term of S's objective: a loss of (logits, target), logged under its name.
/// A term with learnable parts that the objective <em>maximises</em> (adaptive affinity fields'
/// weights) names them as <paramref name="Maximised"/>; the method updates them by gradient ascent.
/// </summary>
/// <param name="Name">Log name (bce, dice, lovasz, aaf).</param>
/// <param name="Weight">The term's weight in the sum.</param>
/// <param name="Compute">The loss of N×1×H×W logits against N×1×H×W {0,1} targets (a scalar), at a step of the run.</param>
/// <param name="Maximised">Parameters that ascend this term's gradient, or null.</param>
public sealed record LossTerm(string Name, double Weight, Func<Tensor, Tensor, StepContext, Tensor> Compute, nn.Module? Maximised = null);
