using Asm.Research.Losses;
using Asm.Research.Platform;
using static TorchSharp.torch;

namespace Asm.Research.Tests.Losses;

public class ClassDiceLossTests
{
    public ClassDiceLossTests() => TorchRuntime.EnsureLoaded();

    private static readonly double Ln2 = Math.Log(2), Ln3 = Math.Log(3);

    [Fact]
    public void Value_with_void_equals_the_hand_computed_one()
    {
        // 1×2×1×3, labels 0, 1, void. p = (.5, .5), (.75, .25), and the void pixel (≈1, ≈0) is dropped.
        // Class 0: Σpy = .5, Σp = 1.25, Σy = 1 → 1 − 2/3.25 = 5/13.
        // Class 1: Σpy = .25, Σp = .75, Σy = 1 → 1 − 1.5/2.75 = 5/11. Loss (5/13 + 5/11)/2.
        var logits = tensor(new[] { 0, Ln3, 10, 0, 0, 0 }).view(1, 2, 1, 3);
        var labels = tensor(new long[] { 0, 1, 255 }).view(1, 1, 3);
        Assert.Equal((5.0 / 13 + 5.0 / 11) / 2, ClassDiceLoss.WithLogits(logits, labels).item<double>(), 12);
    }

    [Fact]
    public void Classes_present_in_the_truth_or_the_argmax_are_averaged_and_others_are_not()
    {
        // 1×3×1×2, labels 0, 0. p = (.5, .25, .25) (argmax 0) and (.25, .25, .5) (argmax 2).
        // Class 0 (truth): Σpy = .75, Σp = .75, Σy = 2 → 1 − 2.5/3.75 = 1/3.
        // Class 2 (argmax only): 1 − 1/1.75 = 3/7. Class 1 is in neither. Loss (1/3 + 3/7)/2 = 8/21.
        var logits = tensor(new[] { Ln2, 0, 0, 0, 0, Ln2 }).view(1, 3, 1, 2);
        var labels = zeros(1, 1, 2, dtype: ScalarType.Int64);
        Assert.Equal(8.0 / 21, ClassDiceLoss.WithLogits(logits, labels).item<double>(), 12);

        // Per image, then over images; an all-void image is left out (8/21 alone, not 8/42).
        var batch = cat([logits, logits], 0).requires_grad_(true);
        var loss = ClassDiceLoss.WithLogits(batch, cat([labels, full(1, 1, 2, 255L)], 0));
        Assert.Equal(8.0 / 21, loss.item<double>(), 12);
        loss.backward();
        Assert.Equal(0.0, batch.grad![1].abs().max().item<double>());

        var allVoid = logits.detach().requires_grad_(true);
        loss = ClassDiceLoss.WithLogits(allVoid, full(1, 1, 2, 255L));
        Assert.Equal(0.0, loss.item<double>());
        loss.backward();
        Assert.Equal(0.0, allVoid.grad!.abs().max().item<double>());
    }

    [Fact]
    public void Float32_gradient_agrees_with_float64_and_float64_with_central_differences()
    {
        using var generator = new Generator(19, CPU);
        var logits = randn([2, 4, 3, 4], dtype: ScalarType.Float64, generator: generator) * 2;
        var labels = randint(0, 4, [2, 3, 4], generator: generator);
        labels[0, 2] = full(4, 255L);
        ClassLossGradients.AssertFloat32MatchesFloat64(z => ClassDiceLoss.WithLogits(z, labels), logits);
        ClassLossGradients.AssertMatchesFiniteDifferences(z => ClassDiceLoss.WithLogits(z, labels, smooth: 0.5), logits);
    }

    [Fact]
    public void Bad_inputs_are_refused()
    {
        var z = zeros(1, 3, 2, 2);
        Assert.Throws<ArgumentException>(() => ClassDiceLoss.WithLogits(z, zeros(1, 2, 2, dtype: ScalarType.Int64), smooth: 0));
        Assert.Throws<ArgumentException>(() => ClassDiceLoss.WithLogits(z, zeros(2, 2, 2, dtype: ScalarType.Int64)));
        Assert.Contains("label 3", Assert.Throws<ArgumentException>(() => ClassDiceLoss.WithLogits(z, full(1, 2, 2, 3L))).Message);
    }
}
