using Asm.Research.Losses;
using Asm.Research.Platform;
using static TorchSharp.torch;

namespace Asm.Research.Tests.Losses;

public class AffinityFieldLossTests
{
    public AffinityFieldLossTests() => TorchRuntime.EnsureLoaded();

    private static readonly double Ln3 = Math.Log(3);
    private static readonly Tensor One = tensor(new[] { 1.0 });

    private static Tensor Row(params double[] values) => tensor(values).view(1, 1, 1, values.Length);

    private static double Loss(Tensor logits, Tensor target, Tensor edgeWeights, Tensor nonEdgeWeights, int[] sizes, double margin = 3, double edgeLambda = 1) =>
        AffinityFieldLoss.WithLogits(logits, target, edgeWeights, nonEdgeWeights, sizes, margin, edgeLambda).item<double>();

    [Fact]
    public void Value_on_a_1x4_row_shows_the_grouping_and_separating_terms_and_the_margin()
    {
        // σ = 0.5, 0.5, 0.75, 0.25; labels 1 1 1 0; kernel 3 on one row: the pairs (0,1), (1,2), (2,3),
        // each counted from both ends. Grouping: KL 0, 0 for (0,1) and KL(.75‖.5) + KL(.5‖.75)
        // = 0.25·ln 3 for (1,2), a mean over 4 entries. Separating: KL(.25‖.75) = KL(.75‖.25) = ln 3 / 2
        // for (2,3), so 3 − ln 3 / 2 for both entries.
        var logits = Row(0, 0, Ln3, -Ln3);
        var target = Row(1, 1, 1, 0);
        double grouping = 0.25 * Ln3 / 4, separating = 3 - Ln3 / 2;
        Assert.Equal(separating + grouping, Loss(logits, target, One, One, [3]), 10);
        Assert.Equal(2 * separating + grouping, Loss(logits, target, One, One, [3], edgeLambda: 2), 10);
        // A margin below the pair's KL (ln 3 / 2 ≈ 0.55): the pair is separated enough, it adds 0.
        Assert.Equal(grouping, Loss(logits, target, One, One, [3], margin: 0.5), 10);
    }

    [Fact]
    public void Per_class_weights_follow_the_label_of_the_centre_pixel()
    {
        // As above; the edge entry centred on pixel 2 (foreground) takes row 1, the one on pixel 3
        // (background) row 0; every grouping entry is centred on a foreground pixel.
        var edge = tensor(new[] { 0.2, 0.6 }).view(2, 1);
        var nonEdge = tensor(new[] { 0.9, 0.3 }).view(2, 1);
        double expected = (0.2 + 0.6) / 2 * (3 - Ln3 / 2) + 0.3 * 0.25 * Ln3 / 4;
        Assert.Equal(expected, Loss(Row(0, 0, Ln3, -Ln3), Row(1, 1, 1, 0), edge, nonEdge, [3]), 10);
    }

    [Fact]
    public void Only_pairs_inside_the_image_count_and_kernel_size_sets_the_offset()
    {
        // Two pixels: one pair, two entries; the 14 out-of-image neighbours add neither terms nor counts.
        Assert.Equal(0.25 * Ln3 / 2, Loss(Row(0, Ln3), Row(1, 1), One, One, [3]), 10);
        // A uniform map of one label costs 0: the image border is not an edge.
        Assert.Equal(0, Loss(zeros(1, 1, 3, 3, dtype: ScalarType.Float64), ones(1, 1, 3, 3), One, One, [3]), 12);
        // 3×3 with an outlier in the middle: kernel 3 pairs it with all 8 neighbours; kernel 5 looks
        // 2 pixels away, where the middle pixel has no neighbour inside, so the outlier is unseen.
        var outlier = zeros(1, 1, 3, 3, dtype: ScalarType.Float64);
        outlier[0, 0, 1, 1] = tensor(5.0);
        Assert.True(Loss(outlier, ones(1, 1, 3, 3), One, One, [3]) > 0.1);
        Assert.Equal(0, Loss(outlier, ones(1, 1, 3, 3), One, One, [5]), 12);
    }

    [Fact]
    public void Matches_a_pixel_by_pixel_reference_on_random_maps()
    {
        using var generator = new Generator(3, CPU);
        var logits = randn([2, 1, 6, 7], dtype: ScalarType.Float64, generator: generator) * 3;
        var target = rand([2, 1, 6, 7], dtype: ScalarType.Float64, generator: generator).gt(0.5).to_type(ScalarType.Float64);
        var edge = rand([2, 3], dtype: ScalarType.Float64, generator: generator).softmax(-1);
        var nonEdge = rand([2, 3], dtype: ScalarType.Float64, generator: generator).softmax(-1);
        double expected = Reference(logits, target, edge, nonEdge, [3, 5, 7], margin: 3, floor: 1e-4);
        Assert.Equal(expected, Loss(logits, target, edge, nonEdge, [3, 5, 7]), 10);
        // Shared [K] weights are the per-class ones with equal rows.
        var shared = edge[1];
        Assert.Equal(
            Reference(logits, target, stack([shared, shared]), nonEdge, [3, 5, 7], margin: 3, floor: 1e-4),
            Loss(logits, target, shared, nonEdge, [3, 5, 7]), 10);
    }

    [Fact]
    public void Pulling_a_same_label_pair_together_and_pushing_a_different_label_pair_apart_lower_the_loss()
    {
        var together = Row(0, 2).requires_grad_(true);
        AffinityFieldLoss.WithLogits(together, Row(1, 1), One, One, [3]).backward();
        var grad = together.grad!.view(-1).data<double>().ToArray();
        Assert.True(grad[0] < 0 && grad[1] > 0, $"grouping gradients {grad[0]}, {grad[1]} must close the gap");

        var apart = Row(0.5, -0.5).requires_grad_(true);
        AffinityFieldLoss.WithLogits(apart, Row(1, 0), One, One, [3]).backward();
        grad = apart.grad!.view(-1).data<double>().ToArray();
        Assert.True(grad[0] < 0 && grad[1] > 0, $"separating gradients {grad[0]}, {grad[1]} must widen the gap");
    }

    [Fact]
    public void Weights_start_uniform_sum_to_one_and_ascend_the_loss()
    {
        using var weights = new AffinityFieldWeights();
        Assert.Equal(2, weights.parameters().Count());
        Assert.Equal([2L, 3L], weights.Edge().shape);
        Assert.True(weights.Edge().allclose(full(2, 3, 1.0f / 3)));
        Assert.Equal([3L], new AffinityFieldWeights(perClass: false).NonEdge().shape);

        using var generator = new Generator(9, CPU);
        var logits = randn([1, 1, 8, 8], generator: generator) * 2;
        var target = rand([1, 1, 8, 8], generator: generator).gt(0.5);
        double Current() => AffinityFieldLoss.WithLogits(logits, target, weights.Edge(), weights.NonEdge()).item<float>();
        double before = Current();
        for (int step = 0; step < 3; step++)
        {
            weights.zero_grad();
            AffinityFieldLoss.WithLogits(logits, target, weights.Edge(), weights.NonEdge()).backward();
            var raw = weights.parameters().Select(p => p.grad!.clone()).ToArray();
            Asm.Research.Training.Optimizers.GradientAscent.NegateGradients(weights);
            using (no_grad())
            {
                var parameters = weights.parameters().ToArray();
                for (int i = 0; i < parameters.Length; i++)
                {
                    Assert.True(parameters[i].grad!.allclose(-raw[i], rtol: 0, atol: 0), "GradientAscent.NegateGradients must negate every gradient");
                    parameters[i].sub_(parameters[i].grad!);
                }
            }
        }
        Assert.True(Current() > before + 1e-3, $"a minimising step on negated gradients must raise the loss ({before} → {Current()})");
        var normalised = weights.Edge().sum(-1);
        Assert.True(normalised.allclose(ones_like(normalised)), "each row of normalised weights must sum to 1");
    }

    [Fact]
    public void Float32_and_float64_agree()
    {
        using var generator = new Generator(4, CPU);
        var logits = randn([2, 1, 7, 6], dtype: ScalarType.Float64, generator: generator) * 2;
        var target = rand([2, 1, 7, 6], dtype: ScalarType.Float64, generator: generator).gt(0.5);
        var w = full(2, 3, 1.0 / 3, dtype: ScalarType.Float64);
        double exact = AffinityFieldLoss.WithLogits(logits, target, w, w).item<double>();
        double single = AffinityFieldLoss.WithLogits(logits.to_type(ScalarType.Float32), target, w.to_type(ScalarType.Float32), w.to_type(ScalarType.Float32)).item<float>();
        Assert.Equal(exact, single, 4);
    }

    [Fact]
    public void Bad_shapes_weights_and_settings_are_refused()
    {
        var z = zeros(1, 1, 4, 4);
        var y = ones(1, 1, 4, 4);
        var w = full(3, 1.0f / 3);
        Assert.Throws<ArgumentException>(() => AffinityFieldLoss.WithLogits(z, ones(1, 1, 4, 5), w, w));
        Assert.Throws<ArgumentException>(() => AffinityFieldLoss.WithLogits(zeros(1, 2, 4, 4), ones(1, 2, 4, 4), w, w));
        Assert.Throws<ArgumentException>(() => AffinityFieldLoss.WithLogits(z, y, full(2, 1.0f / 2), w));
        Assert.Throws<ArgumentException>(() => AffinityFieldLoss.WithLogits(z, y, w, full(3, 3, 1.0f / 3)));
        Assert.Throws<ArgumentException>(() => AffinityFieldLoss.WithLogits(z, y, One, One, [4]));
        Assert.Throws<ArgumentException>(() => AffinityFieldLoss.WithLogits(z, y, w, w, margin: -1));
        Assert.Throws<ArgumentException>(() => AffinityFieldLoss.WithLogits(z, full(1, 1, 4, 4, 0.5f), w, w));
    }

    // The loss written pixel by pixel in doubles from its definition.
    private static double Reference(Tensor logits, Tensor target, Tensor edge, Tensor nonEdge, int[] sizes, double margin, double floor)
    {
        long n = logits.shape[0], h = logits.shape[2], w = logits.shape[3];
        var z = logits.contiguous().data<double>().ToArray();
        var y = target.contiguous().data<double>().ToArray();
        var we = edge.contiguous().data<double>().ToArray();
        var wn = nonEdge.contiguous().data<double>().ToArray();
        double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
        double total = 0;
        for (int k = 0; k < sizes.Length; k++)
        {
            int s = (sizes[k] - 1) / 2;
            double edgeSum = 0, nonEdgeSum = 0;
            int edges = 0, nonEdges = 0;
            for (long b = 0; b < n; b++)
                for (long r = 0; r < h; r++)
                    for (long c = 0; c < w; c++)
                        foreach (var (dr, dc) in new[] { (-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1) })
                        {
                            long r2 = r + dr * s, c2 = c + dc * s;
                            if (r2 < 0 || r2 >= h || c2 < 0 || c2 >= w) continue;
                            long i = (b * h + r) * w + c, j = (b * h + r2) * w + c2;
                            double pi = Math.Max(Sigmoid(z[i]), floor), qi = Math.Max(1 - Sigmoid(z[i]), floor);
                            double pj = Math.Max(Sigmoid(z[j]), floor), qj = Math.Max(1 - Sigmoid(z[j]), floor);
                            double kl = pj * Math.Log(pj / pi) + qj * Math.Log(qj / qi);
                            int label = (int)y[i];
                            if (y[i] != y[j]) { edgeSum += we[label * sizes.Length + k] * Math.Max(0, margin - kl); edges++; }
                            else { nonEdgeSum += wn[label * sizes.Length + k] * kl; nonEdges++; }
                        }
            total += edgeSum / Math.Max(edges, 1) + nonEdgeSum / Math.Max(nonEdges, 1);
        }
        return total;
    }
}
