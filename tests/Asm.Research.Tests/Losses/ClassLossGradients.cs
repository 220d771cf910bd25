using static TorchSharp.torch;

namespace Asm.Research.Tests.Losses;

/// <summary>Gradient checks shared by the multi-class loss tests: float32 against float64, and central differences in float64.</summary>
internal static class ClassLossGradients
{
    /// <summary>∂loss/∂input at <paramref name="input"/>, converted to <paramref name="dtype"/> first; returned in float64.</summary>
    public static Tensor Gradient(Func<Tensor, Tensor> loss, Tensor input, ScalarType dtype)
    {
        var x = input.to_type(dtype).detach().requires_grad_(true);
        loss(x).backward();
        return x.grad!.to_type(ScalarType.Float64);
    }

    /// <summary>
    /// Asserts the float32 gradient equals the float64 one within <paramref name="relative"/> of the
    /// largest float64 component (per element, so one wrong pixel fails), and that it is not all zero.
    /// </summary>
    public static void AssertFloat32MatchesFloat64(Func<Tensor, Tensor> loss, Tensor input, double relative = 1e-5)
    {
        var exact = Gradient(loss, input, ScalarType.Float64);
        var single = Gradient(loss, input, ScalarType.Float32);
        double scale = exact.abs().max().item<double>();
        Assert.True(scale > 1e-6, "the float64 gradient is all zero: nothing would be compared");
        double worst = (single - exact).abs().max().item<double>();
        Assert.True(worst <= relative * scale, $"float32 gradient differs from float64 by {worst:g3} (scale {scale:g3})");
    }

    /// <summary>Asserts autograd's float64 gradient equals the central difference (f(x + h) − f(x − h))/2h per element.</summary>
    public static void AssertMatchesFiniteDifferences(Func<Tensor, Tensor> loss, Tensor input, double step = 1e-6, double tolerance = 1e-6)
    {
        var x = input.to_type(ScalarType.Float64);
        var analytic = Gradient(loss, x, ScalarType.Float64).view(-1).data<double>().ToArray();
        var flat = x.clone().view(-1);
        using var _ = no_grad();
        double scale = analytic.Max(Math.Abs);
        Assert.True(scale > 1e-6, "the gradient is all zero: nothing would be compared");
        for (int i = 0; i < analytic.Length; i++)
        {
            double original = flat[i].item<double>();
            flat[i] = tensor(original + step);
            double up = loss(flat.view(x.shape)).item<double>();
            flat[i] = tensor(original - step);
            double down = loss(flat.view(x.shape)).item<double>();
            flat[i] = tensor(original);
            double numeric = (up - down) / (2 * step);
            Assert.True(Math.Abs(numeric - analytic[i]) <= tolerance * Math.Max(1, scale),
                $"element {i}: autograd {analytic[i]:g10}, central difference {numeric:g10}");
        }
    }
}
