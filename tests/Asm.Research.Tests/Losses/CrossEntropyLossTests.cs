using Asm.Research.Losses;
using Asm.Research.Platform;
using static TorchSharp.torch;

namespace Asm.Research.Tests.Losses;

public class CrossEntropyLossTests
{
    public CrossEntropyLossTests() => TorchRuntime.EnsureLoaded();

    // 1×3×1×4: four pixels, three classes (columns are pixels).
    private static Tensor Logits() => tensor(new[]
    {
        0.0, Math.Log(2), 5, 0,
        0.0, 0, -5, Math.Log(3),
        0.0, 0, 100, 0,
    }).view(1, 3, 1, 4);

    private static Tensor Labels() => tensor(new long[] { 0, 2, 255, 1 }).view(1, 1, 4);

    [Fact]
    public void Value_with_void_and_weights_equals_the_hand_computed_one()
    {
        // Pixel 0: logits (0, 0, 0), label 0: −log(1/3) = ln 3.
        // Pixel 1: logits (ln 2, 0, 0), label 2: softmax = (2, 1, 1)/4, −log(1/4) = ln 4.
        // Pixel 2: void, whatever its logits (it would cost ≈ 100 as class 0).
        // Pixel 3: logits (0, ln 3, 0), label 1: softmax = (1, 3, 1)/5, −log(3/5) = ln(5/3).
        // Unweighted: (ln 3 + ln 4 + ln 5/3)/3 = ln 20 / 3.
        Assert.Equal(Math.Log(20) / 3, CrossEntropyLoss.WithLogits(Logits(), Labels()).item<double>(), 12);
        // Weights (1, 2, 0.5): (1·ln 3 + 0.5·ln 4 + 2·ln 5/3)/(1 + 0.5 + 2).
        var weights = tensor(new[] { 1.0, 2, 0.5 });
        double weighted = (Math.Log(3) + 0.5 * Math.Log(4) + 2 * Math.Log(5.0 / 3)) / 3.5;
        Assert.Equal(weighted, CrossEntropyLoss.WithLogits(Logits(), Labels(), weights).item<double>(), 12);
        // The same as PyTorch's cross_entropy with ignore_index = 255.
        var reference = nn.functional.cross_entropy(Logits(), Labels(), weight: weights, ignore_index: 255);
        Assert.Equal(reference.item<double>(), CrossEntropyLoss.WithLogits(Logits(), Labels(), weights).item<double>(), 12);
    }

    [Fact]
    public void Void_pixels_get_zero_gradient_and_labels_may_be_N1HW_float_or_byte()
    {
        var logits = Logits().requires_grad_(true);
        CrossEntropyLoss.WithLogits(logits, Labels(), tensor(new[] { 1.0, 2, 0.5 })).backward();
        var grad = logits.grad!;
        Assert.Equal(0, grad[.., .., .., 2].abs().max().item<double>());
        Assert.True(grad[.., .., .., 0].abs().max().item<double>() > 0.01);

        double expected = CrossEntropyLoss.WithLogits(Logits(), Labels()).item<double>();
        Assert.Equal(expected, CrossEntropyLoss.WithLogits(Logits(), Labels().view(1, 1, 1, 4).to_type(ScalarType.Float32)).item<double>(), 12);
        Assert.Equal(expected, CrossEntropyLoss.WithLogits(Logits(), Labels().to_type(ScalarType.Byte)).item<double>(), 12);
    }

    [Fact]
    public void All_void_batch_costs_zero_with_zero_gradient_even_with_infinite_logits()
    {
        var values = Logits();
        values[0, 0, 0, 1] = tensor(double.NegativeInfinity);
        var logits = values.requires_grad_(true);
        var loss = CrossEntropyLoss.WithLogits(logits, full(1, 1, 4, 255L), tensor(new[] { 1.0, 2, 0.5 }));
        Assert.Equal(0.0, loss.item<double>());
        loss.backward();
        Assert.Equal(0.0, logits.grad!.abs().max().item<double>());
        // Only classes of weight 0: also 0, not 0/0.
        Assert.Equal(0.0, CrossEntropyLoss.WithLogits(Logits(), Labels(), tensor(new[] { 0.0, 0, 0 })).item<double>());
    }

    [Fact]
    public void Float32_gradient_agrees_with_float64_and_float64_with_central_differences()
    {
        using var generator = new Generator(21, CPU);
        var logits = randn([2, 4, 3, 5], dtype: ScalarType.Float64, generator: generator) * 2;
        var labels = randint(0, 4, [2, 3, 5], generator: generator);
        labels[0, 1] = full(5, 255L);
        var weights = tensor(new[] { 0.5, 1.5, 2.0, 1.0 });
        ClassLossGradients.AssertFloat32MatchesFloat64(z => CrossEntropyLoss.WithLogits(z, labels, weights), logits);
        ClassLossGradients.AssertMatchesFiniteDifferences(z => CrossEntropyLoss.WithLogits(z, labels, weights), logits);
    }

    [Fact]
    public void Bad_shapes_labels_and_weights_are_refused()
    {
        var z = zeros(1, 3, 2, 2);
        var y = zeros(1, 2, 2, dtype: ScalarType.Int64);
        Assert.Throws<ArgumentException>(() => CrossEntropyLoss.WithLogits(zeros(3, 2, 2), y));
        Assert.Throws<ArgumentException>(() => CrossEntropyLoss.WithLogits(z, zeros(1, 2, 3, dtype: ScalarType.Int64)));
        Assert.Throws<ArgumentException>(() => CrossEntropyLoss.WithLogits(z.to_type(ScalarType.Int64), y));
        Assert.Throws<ArgumentException>(() => CrossEntropyLoss.WithLogits(z, y.to_type(ScalarType.Bool)));
        Assert.Throws<ArgumentException>(() => CrossEntropyLoss.WithLogits(z, full(1, 2, 2, 0.5)));
        var outside = Assert.Throws<ArgumentException>(() => CrossEntropyLoss.WithLogits(z, full(1, 2, 2, 3L)));
        Assert.Contains("label 3", outside.Message);
        Assert.Contains("label -1", Assert.Throws<ArgumentException>(() => CrossEntropyLoss.WithLogits(z, full(1, 2, 2, -1L))).Message);
        Assert.Throws<ArgumentException>(() => CrossEntropyLoss.WithLogits(z, y, ones(2)));
        Assert.Throws<ArgumentException>(() => CrossEntropyLoss.WithLogits(z, y, tensor(new[] { 1.0, -1, 1 })));
    }
}
