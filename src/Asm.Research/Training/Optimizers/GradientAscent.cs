using TorchSharp;

namespace Asm.Research.Training.Optimizers;

/// <summary>
/// Gradient ascent with a minimising optimiser: after one backward pass of a loss that a module's
/// parameters should <em>maximise</em> (AAF's adaptive weights), negate their gradients, then step.
/// </summary>
public static class GradientAscent
{
    /// <summary>Negates, in place, the accumulated gradient of every parameter of <paramref name="module"/>.</summary>
    public static void NegateGradients(torch.nn.Module module)
    {
        using var _ = torch.no_grad();
        foreach (var p in module.parameters()) p.grad?.neg_();
    }
}
