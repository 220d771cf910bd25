using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Asm.Research.Losses;

/// <summary>
/// The adaptive part of AAF: unnormalised per-size weights for edge and non-edge pairs, each
/// softmax-normalised over the kernel sizes, which are <em>maximised</em> while S minimises the
/// loss. As in the authors' <c>train_aaf.py</c>: they start at 0 (uniform 1/K), there is one set
/// per ground-truth class of the centre pixel (background and foreground, or the C classes; optional),
/// and they are updated from the negated gradient of the same total loss by their own momentum
/// optimiser at the predictor's learning rate, without weight decay.
/// </summary>
public sealed class AffinityFieldWeights : nn.Module
{
    private readonly Parameter edge;
    private readonly Parameter nonEdge;

    /// <summary>Zero (uniform) weights for <paramref name="sizes"/> kernel sizes (default 3: 3, 5, 7).</summary>
    /// <param name="sizes">K, the number of kernel sizes of the loss.</param>
    /// <param name="perClass">One set per centre-pixel class, [classes, K] (the authors'), or one shared set, [K].</param>
    /// <param name="name">The module's name.</param>
    /// <param name="classes">Centre-pixel classes: 2 for figure-ground, C for a multi-class task.</param>
    /// <exception cref="ArgumentOutOfRangeException">sizes &lt; 1 or classes &lt; 2.</exception>
    public AffinityFieldWeights(int sizes = 3, bool perClass = true, string name = "aaf_weights", int classes = 2) : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sizes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        long[] shape = perClass ? [classes, sizes] : [sizes];
        edge = new Parameter(zeros(shape));
        nonEdge = new Parameter(zeros(shape));
        RegisterComponents();
    }

    /// <summary>Normalised weights of the separating (edge) term: softmax over the last axis (sizes).</summary>
    public Tensor Edge() => edge.softmax(-1);

    /// <summary>Normalised weights of the grouping (non-edge) term: softmax over the last axis (sizes).</summary>
    public Tensor NonEdge() => nonEdge.softmax(-1);
}
