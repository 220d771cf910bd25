using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Data;

/// <summary>
/// A batch on a device. It owns its tensors: dispose it (or let a dispose scope that it was
/// created in do so) when the step is done.
/// </summary>
public sealed class Batch : IDisposable
{
    /// <summary>Wraps tensors; the batch takes ownership of them.</summary>
    /// <param name="images">N×3×H×W, normalised with the ImageNet mean and std.</param>
    /// <param name="masks">N×1×H×W float: {0,1} for a binary task, class indices and 255 (void) otherwise.</param>
    /// <param name="indices">Index of each sample in the loader's sample list.</param>
    public Batch(Tensor images, Tensor masks, IReadOnlyList<int> indices)
    {
        Images = images;
        Masks = masks;
        Indices = indices;
    }

    /// <summary>N×3×H×W, normalised with <see cref="ImageNormalization"/>.</summary>
    public Tensor Images { get; }

    /// <summary>N×1×H×W float: {0,1} for a binary task; class indices 0…C−1 and 255 (void) for a multi-class one.</summary>
    public Tensor Masks { get; }

    /// <summary>Index of each sample in the loader's sample list, in batch order.</summary>
    public IReadOnlyList<int> Indices { get; }

    /// <summary>Number of samples.</summary>
    public int Count => Indices.Count;

    /// <summary>Releases both tensors.</summary>
    public void Dispose()
    {
        Images.Dispose();
        Masks.Dispose();
    }
}
