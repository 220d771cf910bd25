using Asm.Research.Losses;
using Asm.Research.Platform;
using static TorchSharp.torch;

namespace Asm.Research.Tests.Losses;

public class LovaszHingeTests
{
    public LovaszHingeTests() => TorchRuntime.EnsureLoaded();

    private static Tensor Row(params double[] values) => tensor(values).view(1, 1, 1, values.Length);

    [Fact]
    public void Value_on_four_pixels_equals_the_hand_computed_one()
    {
        // Logits 2, −1, 0.5, −3 for labels 1, 1, 0, 0: errors −1, 2, 1.5, −2. Sorted: 2 (fg), 1.5 (bg),
        // −1 (fg), −2 (bg); Jaccard losses of the growing prefixes 1/2, 2/3, 1, 1 → gradient
        // 1/2, 1/6, 1/3, 0; loss 2·1/2 + 1.5·1/6 = 1.25.
        var logits = Row(2, -1, 0.5, -3).requires_grad_(true);
        var loss = LovaszHinge.WithLogits(logits, Row(1, 1, 0, 0));
        Assert.Equal(1.25, loss.item<double>(), 12);

        // ∂/∂z = −(2y − 1)·g at the pixels with positive error, 0 elsewhere.
        loss.backward();
        Assert.Equal([0, -0.5, 1.0 / 6, 0], logits.grad!.view(-1).data<double>().ToArray(), new ToleranceComparer(1e-12));
    }

    [Fact]
    public void All_background_image_costs_its_largest_positive_error()
    {
        // Every non-empty set of errors has Jaccard loss 1, so the extension is max relu(1 + z).
        Assert.Equal(1.7, LovaszHinge.WithLogits(Row(-3, 0.7, -0.2), Row(0, 0, 0)).item<double>(), 12);
        Assert.Equal(0.0, LovaszHinge.WithLogits(Row(-3, -1.5, -2), Row(0, 0, 0)).item<double>(), 12);
    }

    [Fact]
    public void Matches_the_level_set_integral_of_the_Jaccard_loss_on_random_images()
    {
        using var generator = new Generator(11, CPU);
        var logits = randn([4, 1, 3, 4], dtype: ScalarType.Float64, generator: generator) * 2;
        var target = rand([4, 1, 3, 4], dtype: ScalarType.Float64, generator: generator).gt(0.6).to_type(ScalarType.Float64);
        target[1] = zeros(1, 3, 4, dtype: ScalarType.Float64);
        target[2] = ones(1, 3, 4, dtype: ScalarType.Float64);
        double expected = 0;
        for (int n = 0; n < 4; n++)
            expected += LevelSetLovasz(logits[n].view(-1).data<double>().ToArray(), target[n].view(-1).data<double>().ToArray()) / 4;
        Assert.Equal(expected, LovaszHinge.WithLogits(logits, target).item<double>(), 10);
    }

    [Fact]
    public void Raising_a_misclassified_foreground_logit_lowers_the_loss_and_a_background_one_raises_it()
    {
        var logits = Row(0.2, -0.5, 0.3, -0.1).requires_grad_(true);
        LovaszHinge.WithLogits(logits, Row(1, 1, 0, 0)).backward();
        var grad = logits.grad!.view(-1).data<double>().ToArray();
        Assert.True(grad[0] < 0 && grad[1] < 0, "foreground gradients must be negative");
        Assert.True(grad[2] > 0 && grad[3] > 0, "background gradients must be positive");
    }

    [Fact]
    public void Float32_and_float64_agree()
    {
        using var generator = new Generator(5, CPU);
        var logits = randn([3, 1, 6, 5], dtype: ScalarType.Float64, generator: generator);
        var target = rand([3, 1, 6, 5], dtype: ScalarType.Float64, generator: generator).gt(0.5);
        double exact = LovaszHinge.WithLogits(logits, target).item<double>();
        double single = LovaszHinge.WithLogits(logits.to_type(ScalarType.Float32), target).item<float>();
        Assert.Equal(exact, single, 5);
    }

    [Fact]
    public void Bad_shapes_and_non_binary_targets_are_refused()
    {
        Assert.Throws<ArgumentException>(() => LovaszHinge.WithLogits(zeros(1, 1, 2, 2), zeros(1, 1, 4, 1)));
        Assert.Throws<ArgumentException>(() => LovaszHinge.WithLogits(zeros(1, 3, 2, 2), zeros(1, 3, 2, 2)));
        Assert.Throws<ArgumentException>(() => LovaszHinge.WithLogits(zeros(1, 1, 2, 2), full(1, 1, 2, 2, 0.5f)));
    }

    // The Lovász extension of Δ(M) = |M| / |foreground ∪ M| (the Jaccard loss of mispredicted set M)
    // at m = relu(errors), as the integral over t > 0 of Δ({i : m_i > t}): no sorting by pixel,
    // only by level, and ties need no care.
    private static double LevelSetLovasz(double[] logits, double[] labels)
    {
        var m = logits.Select((z, i) => Math.Max(0, 1 - z * (2 * labels[i] - 1))).ToArray();
        var levels = m.Where(v => v > 0).Distinct().Order().ToArray();
        double total = 0, previous = 0;
        foreach (double level in levels)
        {
            var mispredicted = Enumerable.Range(0, m.Length).Where(i => m[i] >= level).ToArray();
            int union = Enumerable.Range(0, m.Length).Count(i => labels[i] == 1 || m[i] >= level);
            total += (level - previous) * mispredicted.Length / union;
            previous = level;
        }
        return total;
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double value) => 0;
    }
}
