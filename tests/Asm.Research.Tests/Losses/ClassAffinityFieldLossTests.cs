using Asm.Research.Losses;
using Asm.Research.Platform;
using static TorchSharp.torch;

namespace Asm.Research.Tests.Losses;

public class ClassAffinityFieldLossTests
{
    public ClassAffinityFieldLossTests() => TorchRuntime.EnsureLoaded();

    private static readonly double Ln3 = Math.Log(3);
    private static readonly Tensor One = tensor(new[] { 1.0 });

    [Fact]
    public void Two_classes_give_the_binary_loss_of_the_logit_difference()
    {
        // softmax(0, z) = (1 − σ(z), σ(z)): the two-class KL is the binary loss's KL, term for term.
        using var generator = new Generator(23, CPU);
        var z = randn([2, 1, 6, 7], dtype: ScalarType.Float64, generator: generator) * 3;
        var target = rand([2, 1, 6, 7], dtype: ScalarType.Float64, generator: generator).gt(0.5).to_type(ScalarType.Float64);
        var edge = rand([2, 3], dtype: ScalarType.Float64, generator: generator).softmax(-1);
        var nonEdge = rand([2, 3], dtype: ScalarType.Float64, generator: generator).softmax(-1);
        double binary = AffinityFieldLoss.WithLogits(z, target, edge, nonEdge).item<double>();
        // Shifting both logits by the same amount must not matter either.
        var logits = cat([zeros_like(z) + 0.7, z + 0.7], 1);
        Assert.Equal(binary, ClassAffinityFieldLoss.WithLogits(logits, target.squeeze(1).to_type(ScalarType.Int64), edge, nonEdge).item<double>(), 10);
        Assert.Equal(
            AffinityFieldLoss.WithLogits(z, target, edge[1], nonEdge[1], margin: 1.5).item<double>(),
            ClassAffinityFieldLoss.WithLogits(logits, target, edge[1], nonEdge[1], margin: 1.5).item<double>(), 10);
    }

    [Fact]
    public void Value_on_a_three_class_row_and_per_class_weights_follow_the_centre_pixel()
    {
        // Row of 3 pixels, 3 classes, kernel 3: pairs (0,1), (1,2), each counted from both ends.
        // p0 = p1 = (1/3, 1/3, 1/3) (labels 0, 0): KL 0. p2 = (3/5, 1/5, 1/5) (logits ln 3, 0, 0), label 1:
        // KL(p2‖p1) = 3/5·ln(9/5) + 2/5·ln(3/5); KL(p1‖p2) = 1/3·ln(5/9) + 2/3·ln(5/3).
        // Edge entries: centred on pixel 1 (class 0, neighbour 2) and on pixel 2 (class 1, neighbour 1).
        var logits = tensor(new[] { 0, 0, Ln3, 0, 0, 0, 0, 0, 0 }).view(1, 3, 1, 3);
        var labels = tensor(new long[] { 0, 0, 1 }).view(1, 1, 3);
        double kl21 = 0.6 * Math.Log(1.8) + 0.4 * Math.Log(0.6), kl12 = Math.Log(5.0 / 9) / 3 + 2.0 / 3 * Math.Log(5.0 / 3);
        double expected = ((3 - kl21) + (3 - kl12)) / 2; // grouping: two entries of KL 0
        Assert.Equal(expected, ClassAffinityFieldLoss.WithLogits(logits, labels, One, One, [3]).item<double>(), 10);
        var edge = tensor(new[] { 0.2, 0.5, 0.9 }).view(3, 1);
        Assert.Equal((0.2 * (3 - kl21) + 0.5 * (3 - kl12)) / 2,
            ClassAffinityFieldLoss.WithLogits(logits, labels, edge, One, [3]).item<double>(), 10);
    }

    [Fact]
    public void Pairs_with_a_void_pixel_are_left_out_and_void_pixels_get_zero_gradient()
    {
        using var generator = new Generator(29, CPU);
        var logits = randn([1, 3, 1, 4], dtype: ScalarType.Float64, generator: generator) * 2;
        var labels = tensor(new long[] { 0, 2, 2, 255 }).view(1, 1, 4);
        double withVoid = ClassAffinityFieldLoss.WithLogits(logits, labels, One, One, [3]).item<double>();
        double cropped = ClassAffinityFieldLoss.WithLogits(logits.narrow(3, 0, 3), labels.narrow(2, 0, 3), One, One, [3]).item<double>();
        Assert.Equal(cropped, withVoid, 12);
        var x = logits.requires_grad_(true);
        ClassAffinityFieldLoss.WithLogits(x, labels, One, One, [3]).backward();
        Assert.Equal(0.0, x.grad![.., .., .., 3].abs().max().item<double>());
        Assert.True(x.grad!.abs().max().item<double>() > 1e-3);
    }

    [Fact]
    public void Float32_gradient_agrees_with_float64()
    {
        using var generator = new Generator(31, CPU);
        var logits = randn([2, 4, 7, 6], dtype: ScalarType.Float64, generator: generator);
        var labels = randint(0, 4, [2, 7, 6], generator: generator);
        labels[0, 3] = full(6, 255L);
        var w = rand([4, 3], dtype: ScalarType.Float64, generator: generator).softmax(-1);
        ClassLossGradients.AssertFloat32MatchesFloat64(z => ClassAffinityFieldLoss.WithLogits(z, labels, w, w, margin: 1), logits);
    }

    [Fact]
    public void Bad_weights_and_settings_are_refused()
    {
        var z = zeros(1, 3, 4, 4);
        var y = zeros(1, 4, 4, dtype: ScalarType.Int64);
        var w = full(3, 1.0f / 3);
        Assert.Throws<ArgumentException>(() => ClassAffinityFieldLoss.WithLogits(z, y, full(2, 3, 1.0f / 3), w));
        Assert.Throws<ArgumentException>(() => ClassAffinityFieldLoss.WithLogits(z, y, w, full(2, 1.0f / 2)));
        Assert.Throws<ArgumentException>(() => ClassAffinityFieldLoss.WithLogits(z, y, One, One, [4]));
        Assert.Throws<ArgumentException>(() => ClassAffinityFieldLoss.WithLogits(z, y, w, w, margin: -1));
        Assert.Contains("label 5", Assert.Throws<ArgumentException>(() => ClassAffinityFieldLoss.WithLogits(z, full(1, 4, 4, 5L), w, w)).Message);
    }
}
