using Asm.Research.Losses;
using Asm.Research.Platform;
using static TorchSharp.torch;

namespace Asm.Research.Tests.Losses;

public class LossTests
{
    public LossTests() => TorchRuntime.EnsureLoaded();

    // One pixel, C channels: an N×C×1×1 feature map.
    private static Tensor Pixel(params float[] channels) => tensor(channels).view(1, channels.Length, 1, 1);

    [Fact]
    public void Match_of_identical_features_is_zero()
    {
        var features = new[] { randn(2, 4, 8, 8), randn(2, 6, 4, 4) };
        double loss = AsmLosses.Match(features, features, [1, 2]).item<float>();
        Assert.Equal(0.0, loss, 6);
    }

    [Fact]
    public void Match_of_known_vectors_equals_hand_computed_value()
    {
        // Pixel 1: (3,4) → (0.6,0.8) vs (1,0): (0.4² + 0.8²) = 0.8. Pixel 2: (0,2) → (0,1) vs (0,5) → (0,1): 0.
        // Mean over the 2 pixels: 0.4. Features are unnormalised on purpose: Match normalises.
        var truth = tensor(new float[] { 3, 0, 4, 2 }).view(1, 2, 1, 2);
        var prediction = tensor(new float[] { 1, 0, 0, 5 }).view(1, 2, 1, 2);
        double loss = AsmLosses.Match([truth], [prediction], [1]).item<float>();
        Assert.Equal(0.4, loss, 5);
    }

    [Fact]
    public void Match_sums_over_the_listed_layers_only()
    {
        var truth = new[] { Pixel(1, 0), Pixel(1, 0), Pixel(1, 0) };
        var prediction = new[] { Pixel(0, 1), Pixel(1, 0), Pixel(-1, 0) };
        // Layer 1: orthogonal → 2; layer 2: identical → 0; layer 3: opposite → 4.
        Assert.Equal(6.0, AsmLosses.Match(truth, prediction, [1, 2, 3]).item<float>(), 5);
        Assert.Equal(4.0, AsmLosses.Match(truth, prediction, [3]).item<float>(), 5);
        Assert.Throws<ArgumentException>(() => AsmLosses.Match(truth, prediction, [4]));
        Assert.Throws<ArgumentException>(() => AsmLosses.Match(truth, prediction, []));
    }

    [Fact]
    public void Hinge_is_the_margin_at_zero_distance_and_zero_beyond_it()
    {
        var y = Pixel(1, 0);
        Assert.Equal(0.8, AsmLosses.Hinge([y], [Pixel(2, 0)], [1], 0.8).item<float>(), 5);
        // Orthogonal unit vectors: squared distance 2 > 0.8.
        Assert.Equal(0.0, AsmLosses.Hinge([y], [Pixel(0, 3)], [1], 0.8).item<float>(), 6);
        // (0.6, 0.8) vs (1, 0): squared distance 0.8, inside a margin of 1: hinge 1 − 0.8 = 0.2.
        Assert.Equal(0.2, AsmLosses.Hinge([y], [Pixel(3, 4)], [1], 1.0).item<float>(), 5);
    }

    [Fact]
    public void L2_normalisation_gives_unit_vectors_and_keeps_zero_vectors_finite()
    {
        var features = randn(2, 5, 3, 3);
        features[0, .., 1, 1] = zeros(5);
        var normalised = FeatureNormalization.L2AcrossChannels(features);
        var norms = normalised.pow(2).sum(1).sqrt();
        Assert.False(normalised.isnan().any().item<bool>());
        Assert.Equal(0.0, norms[0, 1, 1].item<float>(), 6);
        norms[0, 1, 1] = tensor(1f);
        Assert.True(norms.allclose(ones_like(norms), rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void L2_normalisation_matches_F_normalize_in_value_and_gradient()
    {
        // Random vectors, an all-zero one and one far below ε's norm (1e-12): both forms divide that by ε.
        var features = randn(2, 6, 4, 4, dtype: ScalarType.Float64);
        features[0, .., 1, 1] = zeros(6, dtype: ScalarType.Float64);
        features[1, .., 2, 3] = full(6, 1e-14, dtype: ScalarType.Float64);
        var weights = randn(2, 6, 4, 4, dtype: ScalarType.Float64);
        var ours = features.clone().requires_grad_(true);
        var reference = features.clone().requires_grad_(true);
        var normalised = FeatureNormalization.L2AcrossChannels(ours);
        var expected = nn.functional.normalize(reference, p: 2, dim: 1, eps: 1e-12);
        Assert.True(normalised.allclose(expected, rtol: 1e-12, atol: 1e-15));
        (normalised * weights).sum().backward();
        (expected * weights).sum().backward();
        Assert.True(ours.grad!.allclose(reference.grad!, rtol: 1e-9, atol: 1e-12));
    }

    [Fact]
    public void Bce_with_logits_matches_hand_computation()
    {
        // z = 0, y = 1: ln 2. z = 2, y = 0: ln(1 + e²). Mean of the two.
        var logits = tensor(new float[] { 0, 2 });
        var target = tensor(new[] { true, false });
        double expected = (Math.Log(2) + Math.Log(1 + Math.Exp(2))) / 2;
        Assert.Equal(expected, BceLoss.WithLogits(logits, target).item<float>(), 5);
        Assert.Equal(expected, AsmLosses.Reconstruction(logits, target).item<float>(), 5);
        Assert.Throws<ArgumentException>(() => BceLoss.WithLogits(logits, zeros(3)));
    }

    [Fact]
    public void Gan_losses_match_hand_values()
    {
        // D(x,y) = 0 and D(x,p) = 0: ln 2 + ln 2. Generator at z = 0: ln 2; at z = ln 3: −ln(3/4).
        var zero = zeros(2, 1, 2, 2);
        Assert.Equal(2 * Math.Log(2), GanLosses.Discriminator(zero, zero).item<float>(), 5);
        Assert.Equal(Math.Log(2), GanLosses.Generator(zero).item<float>(), 5);
        Assert.Equal(-Math.Log(0.75), GanLosses.Generator(full(3, (float)Math.Log(3))).item<float>(), 5);
        // A confident, correct D has a small loss: real +10, fake −10.
        Assert.True(GanLosses.Discriminator(full(4, 10f), full(4, -10f)).item<float>() < 1e-3);
    }

    [Fact]
    public void Adversarial_weight_decays_tenfold_over_the_run()
    {
        Assert.Equal(0.012, AsmLosses.AdversarialWeight(0.012, true, 0, 1000), 12);
        Assert.Equal(0.0012, AsmLosses.AdversarialWeight(0.012, true, 1000, 1000), 12);
        Assert.Equal(0.012 * Math.Pow(10, -0.5), AsmLosses.AdversarialWeight(0.012, true, 500, 1000), 12);
        Assert.Equal(0.012, AsmLosses.AdversarialWeight(0.012, false, 1000, 1000), 12);
    }
}
