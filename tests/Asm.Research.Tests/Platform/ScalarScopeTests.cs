using Asm.Research.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Tests.Platform;

/// <summary>The kit's held scalars: the implicit conversion's types, TorchSharp's operators' results, freed at the end.</summary>
public sealed class ScalarScopeTests
{
    public ScalarScopeTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Scalars_have_the_type_the_implicit_conversion_gives()
    {
        using var scalars = new ScalarScope();
        // Implicit conversions on purpose: they are the reference (the kit's sources have none).
        Scalar fromInt = 3, fromLong = 3L, fromFloat = 0.1f, fromDouble = 0.1, fromByte = (byte)255;
        Assert.Equal(fromInt.Type, scalars.Of(3).Type);
        Assert.Equal(fromLong.Type, scalars.Of(3L).Type);
        Assert.Equal(fromFloat.Type, scalars.Of(0.1f).Type);
        Assert.Equal(fromDouble.Type, scalars.Of(0.1).Type);
        Assert.Equal(fromByte.Type, scalars.Of((byte)255).Type);
        Assert.Equal(fromFloat.ToDouble(), scalars.Of(0.1f).ToDouble()); // 0.1f's float value, not 0.1
    }

    [Fact]
    public void Arithmetic_is_bit_for_bit_torchsharps_operators_forward_and_backward()
    {
        using var scope = NewDisposeScope();
        using var scalars = new ScalarScope();
        var generator = new Generator(11);
        var a = randn([3, 5], generator: generator).requires_grad_(true);
        var b = randn([3, 5], generator: generator).requires_grad_(true);
        var theirs = new[] { a + b, a + 0.3, a + 2, 1 - a, 0.7 - a };
        var ours = new[] { scalars.Add(a, b), scalars.Add(a, 0.3), scalars.Add(a, 2), scalars.Subtract(1, a), scalars.Subtract(0.7, a) };
        for (int i = 0; i < theirs.Length; i++)
        {
            Assert.True(theirs[i].eq(ours[i]).all().item<bool>(), $"expression {i}: values differ");
            var (ga, gb) = Gradients(theirs[i], a, b);
            var (oa, ob) = Gradients(ours[i], a, b);
            Assert.True(ga.eq(oa).all().item<bool>() && gb.eq(ob).all().item<bool>(), $"expression {i}: gradients differ");
        }
    }

    [Fact]
    public void Disposing_the_scope_frees_its_scalars()
    {
        var scalars = new ScalarScope();
        var half = scalars.Of(0.5);
        var one = scalars.One;
        scalars.Dispose();
        Assert.Throws<InvalidOperationException>(() => half.Type);
        Assert.Throws<InvalidOperationException>(() => one.Type);
    }

    /// <summary>
    /// TorchSharp's own <c>1 - (a + b) + 0.5</c> fails this within a second here ("Expected false to be true", after about
    /// 30 000 rounds): its operators' scalars are finalized while the native adds still read them.
    /// </summary>
    [Fact]
    [Trait("Category", "Stress")]
    public void Scope_arithmetic_survives_collections_on_another_thread()
    {
        var a = zeros(4);
        var b = ones(4);
        int steps = CollectionPressure.Steps(100_000);
        using (new CollectionPressure())
        {
            for (int i = 0; i < steps; i++)
            {
                using var scope = NewDisposeScope();
                using var scalars = new ScalarScope();
                var c = scalars.Add(scalars.Subtract(1, scalars.Add(a, b)), 0.5);
                if (i == steps - 1) Assert.Equal(0.5f, c[0].item<float>());
            }
        }
    }

    // d(Σ y·w)/da and /db for random weights w; zeros for a tensor the expression does not use.
    private static (Tensor A, Tensor B) Gradients(Tensor y, Tensor a, Tensor b)
    {
        a.grad?.zero_();
        b.grad?.zero_();
        (y * randn(y.shape, generator: new Generator(5))).sum().backward();
        return (a.grad?.clone() ?? zeros_like(a), b.grad?.clone() ?? zeros_like(b));
    }
}
