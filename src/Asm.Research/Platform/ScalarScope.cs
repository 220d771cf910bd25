using System.Numerics;
using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Platform;

/// <summary>
/// TorchSharp scalars that stay alive until the scope is disposed, and tensor-and-number arithmetic done with them.
/// <para>Why: a number passed where TorchSharp takes a <see cref="Scalar"/> becomes a temporary nobody holds, and
/// so do the scalars TorchSharp's own <c>a + b</c>, <c>a.add(b)</c>, <c>1 - a</c> and <c>a * 2</c> make inside.
/// TorchSharp reads its handle and calls native code; a collection on another thread (the data loader allocates)
/// can run the scalar's finalizer while that call still reads it ("Unknown scalar type", "Expected false to be
/// true … toLong"). A scalar made here is reachable from the scope until its end.</para>
/// <para>The arithmetic is TorchSharp's operators' own (the same calls, scalar types and order), so results are
/// bit for bit those of the operators. One scope per computation, on one thread; the kit's sources never convert a
/// number to a scalar implicitly (a test checks).</para>
/// </summary>
public sealed class ScalarScope : IDisposable
{
    private readonly List<Scalar> _held = [];
    private Scalar? _one;

    /// <summary>
    /// <paramref name="value"/> as a scalar of its own type, as the implicit conversion makes it: an <c>int</c>
    /// stays an integer scalar, a <c>double</c> a double one.
    /// </summary>
    public Scalar Of<T>(T value) where T : INumber<T>
    {
        Scalar scalar = value switch
        {
            byte v => v.ToScalar(),
            sbyte v => v.ToScalar(),
            short v => v.ToScalar(),
            int v => v.ToScalar(),
            long v => v.ToScalar(),
            float v => v.ToScalar(),
            double v => v.ToScalar(),
            Half v => v.ToScalar(),
            _ => throw new NotSupportedException($"TorchSharp has no scalar of type {typeof(T).Name}."),
        };
        _held.Add(scalar);
        return scalar;
    }

    /// <summary>The integer 1 that TorchSharp passes as <c>alpha</c> when a tensor is added without one.</summary>
    public Scalar One => _one ??= Of(1);

    /// <summary><paramref name="a"/> + <paramref name="b"/>, as TorchSharp's <c>a + b</c> and <c>a.add(b)</c>.</summary>
    public Tensor Add(Tensor a, Tensor b) => a.add(b, One);

    /// <summary><paramref name="a"/> + <paramref name="number"/>, as TorchSharp's <c>a + number</c>.</summary>
    public Tensor Add<T>(Tensor a, T number) where T : INumber<T> => a.add(Of(number), One);

    /// <summary><paramref name="number"/> − <paramref name="a"/>, as TorchSharp's <c>number - a</c>: −a + number.</summary>
    public Tensor Subtract<T>(T number, Tensor a) where T : INumber<T> => a.negative().add(Of(number), One);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var scalar in _held) scalar.Dispose();
        _held.Clear();
        _one = null;
    }
}
