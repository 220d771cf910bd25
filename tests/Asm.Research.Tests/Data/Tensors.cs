using static TorchSharp.torch;

namespace Asm.Research.Tests.Data;

/// <summary>Tensor comparisons for assertions (TorchSharp's equal is element-wise).</summary>
internal static class Tensors
{
    /// <summary>Same shape and bit-identical values.</summary>
    public static bool Same(Tensor a, Tensor b)
    {
        if (!a.shape.SequenceEqual(b.shape)) return false;
        using var eq = a.eq(b);
        using var all = eq.all();
        return all.item<bool>();
    }
}
