using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Platform;

/// <summary>
/// Relative L1 errors of one float32 convolution against the same convolution in float64 (which
/// libtorch computes with its own kernels, never oneDNN): the output, and the input, weight and
/// bias gradients for a random output gradient. A correct float32 backend gives about 1e-7–1e-5.
/// Infinity stands for NaN or infinite values.
/// </summary>
public sealed record ConvolutionCheckResult(ConvolutionShape Shape, int Threads, double Output, double InputGradient, double WeightGradient, double BiasGradient)
{
    /// <summary>The largest of the four errors.</summary>
    public double Worst => Math.Max(Math.Max(Output, InputGradient), Math.Max(WeightGradient, BiasGradient));

    /// <summary>Whether every error is below <paramref name="threshold"/>.</summary>
    public bool Passes(double threshold) => Worst < threshold;
}

/// <summary>Runs <see cref="ConvolutionCheckResult"/>'s comparison for a shape, in this process, with its current oneDNN.</summary>
public static class ConvolutionGradientCheck
{
    /// <summary>Relative error above which the kit treats a float32 result as wrong (float32 rounding is ~1e-6).</summary>
    public const double Threshold = 1e-3;

    /// <summary>
    /// Compares float32 with float64 for <paramref name="shape"/> on random data from
    /// <paramref name="seed"/>, with torch's current thread count. Torch must be loaded.
    /// </summary>
    public static ConvolutionCheckResult Run(ConvolutionShape shape, long seed = 1)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator((ulong)seed);
        // Weights at 1/sqrt(fan-in) keep outputs O(1), as in a trained network.
        int fanIn = (shape.Transposed ? shape.OutChannels : shape.InChannels) * shape.Kernel * shape.Kernel;
        var x = randn([shape.Batch, shape.InChannels, shape.Height, shape.Width], float64, generator: generator);
        long[] weightShape = shape.Transposed
            ? [shape.InChannels, shape.OutChannels, shape.Kernel, shape.Kernel]
            : [shape.OutChannels, shape.InChannels, shape.Kernel, shape.Kernel];
        using var scale = Math.Sqrt(fanIn).ToScalar();
        var w = randn(weightShape, float64, generator: generator).div(scale);
        var b = shape.Bias ? randn([shape.OutChannels], float64, generator: generator) : null;
        var gy = randn([shape.Batch, shape.OutChannels, shape.OutputHeight, shape.OutputWidth], float64, generator: generator);

        var single = Pass(shape, x, w, b, gy, float32);
        var reference = Pass(shape, x, w, b, gy, float64);
        return new ConvolutionCheckResult(shape, get_num_threads(),
            Error(single.Y, reference.Y), Error(single.Gx, reference.Gx), Error(single.Gw, reference.Gw),
            b is null ? 0 : Error(single.Gb!, reference.Gb!));
    }

    private static (Tensor Y, Tensor Gx, Tensor Gw, Tensor? Gb) Pass(ConvolutionShape shape, Tensor x, Tensor w, Tensor? b, Tensor gy, ScalarType type)
    {
        var xi = x.to_type(type).requires_grad_(shape.InputGradient);
        var wi = w.to_type(type).requires_grad_(true);
        var bi = b?.to_type(type).requires_grad_(true);
        var y = shape.Transposed
            ? nn.functional.conv_transpose2d(xi, wi, bi, strides: [shape.Stride, shape.Stride], padding: [shape.Padding, shape.Padding])
            : nn.functional.conv2d(xi, wi, bi, strides: [shape.Stride, shape.Stride], padding: [shape.Padding, shape.Padding]);
        y.backward([gy.to_type(type)]);
        return (y.detach().to_type(float64), shape.InputGradient ? xi.grad!.to_type(float64) : zeros(1, float64), wi.grad!.to_type(float64), bi?.grad!.to_type(float64));
    }

    private static double Error(Tensor value, Tensor reference)
    {
        double error = value.sub(reference).abs().sum().item<double>() / (reference.abs().sum().item<double>() + 1e-30);
        return double.IsFinite(error) ? error : double.PositiveInfinity;
    }
}
