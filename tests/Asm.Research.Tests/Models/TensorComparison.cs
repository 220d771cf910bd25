using static TorchSharp.torch;

namespace Asm.Research.Tests.Models;

internal static class TensorComparison
{
    /// <summary>Same shape and bit-for-bit equal values (TorchSharp's <c>equal</c> is element-wise).</summary>
    public static bool SameAs(this Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.allclose(b, rtol: 0, atol: 0);
}
