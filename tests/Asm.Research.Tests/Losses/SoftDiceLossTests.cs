using Asm.Research.Losses;
using Asm.Research.Platform;
using static TorchSharp.torch;

namespace Asm.Research.Tests.Losses;

public class SoftDiceLossTests
{
    public SoftDiceLossTests() => TorchRuntime.EnsureLoaded();

    private static readonly float Ln3 = MathF.Log(3);

    private static Tensor Map(params float[] values) => tensor(values).view(1, 1, 2, 2);

    [Fact]
    public void Value_on_a_2x2_mask_equals_the_hand_computed_one()
    {
        // σ(0) = 0.5 everywhere, one foreground pixel: Σpy = 0.5, Σp = 2, Σy = 1 → 1 − 2/4 = 0.5.
        Assert.Equal(0.5, SoftDiceLoss.WithLogits(Map(0, 0, 0, 0), Map(1, 0, 0, 0)).item<float>(), 6);
        // σ(±ln 3) = 0.75 / 0.25, mask 1 1 0 0: Σpy = 1.5, Σp = 2, Σy = 2 → 1 − 4/5 = 0.2.
        Assert.Equal(0.2, SoftDiceLoss.WithLogits(Map(Ln3, Ln3, -Ln3, -Ln3), Map(1, 1, 0, 0)).item<float>(), 6);
        // Smooth 0.5 instead of 1: 1 − (1 + 0.5)/(3 + 0.5).
        Assert.Equal(1 - 1.5 / 3.5, SoftDiceLoss.WithLogits(Map(0, 0, 0, 0), Map(1, 0, 0, 0), smooth: 0.5).item<float>(), 6);
    }

    [Fact]
    public void Batch_value_is_the_mean_of_the_per_image_values_not_the_pooled_one()
    {
        var logits = cat([Map(0, 0, 0, 0), Map(Ln3, Ln3, -Ln3, -Ln3)], 0);
        var target = cat([Map(1, 0, 0, 0), Map(1, 1, 0, 0)], 0).to_type(ScalarType.Bool);
        // (0.5 + 0.2)/2; pooled over the batch it would be 1 − (2·2 + 1)/(4 + 3 + 1) = 0.375.
        Assert.Equal(0.35, SoftDiceLoss.WithLogits(logits, target).item<float>(), 6);
    }

    [Fact]
    public void Raising_a_foreground_logit_lowers_the_loss_and_raising_a_background_logit_raises_it()
    {
        var logits = Map(0.3f, -0.2f, 0.1f, -0.4f).requires_grad_(true);
        SoftDiceLoss.WithLogits(logits, Map(1, 1, 0, 0)).backward();
        var grad = logits.grad!.view(-1);
        Assert.True(grad[0].item<float>() < 0 && grad[1].item<float>() < 0, "foreground gradients must be negative");
        Assert.True(grad[2].item<float>() > 0 && grad[3].item<float>() > 0, "background gradients must be positive");
    }

    [Fact]
    public void Float32_and_float64_agree()
    {
        using var generator = new Generator(7, CPU);
        var logits = randn([3, 1, 5, 6], dtype: ScalarType.Float64, generator: generator) * 3;
        var target = rand([3, 1, 5, 6], dtype: ScalarType.Float64, generator: generator).gt(0.5);
        double exact = SoftDiceLoss.WithLogits(logits, target).item<double>();
        double single = SoftDiceLoss.WithLogits(logits.to_type(ScalarType.Float32), target).item<float>();
        Assert.Equal(exact, single, 5);
    }

    [Fact]
    public void Bad_shapes_and_smoothing_are_refused()
    {
        Assert.Throws<ArgumentException>(() => SoftDiceLoss.WithLogits(zeros(1, 1, 2, 2), zeros(1, 1, 2, 3)));
        Assert.Throws<ArgumentException>(() => SoftDiceLoss.WithLogits(zeros(1, 2, 2, 2), zeros(1, 2, 2, 2)));
        Assert.Throws<ArgumentException>(() => SoftDiceLoss.WithLogits(zeros(2, 2), zeros(2, 2)));
        Assert.Throws<ArgumentException>(() => SoftDiceLoss.WithLogits(zeros(1, 1, 2, 2), zeros(1, 1, 2, 2), smooth: 0));
    }
}
