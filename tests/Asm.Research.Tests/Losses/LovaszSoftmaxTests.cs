using Asm.Research.Losses;
using Asm.Research.Platform;
using static TorchSharp.torch;

namespace Asm.Research.Tests.Losses;

public class LovaszSoftmaxTests
{
    public LovaszSoftmaxTests() => TorchRuntime.EnsureLoaded();

    // One 2×3 image, three classes; the last pixel is void.
    private static readonly long[] Truth = [0, 0, 1, 1, 2, 255];
    private static readonly long[] Prediction = [0, 1, 1, 1, 1, 0];

    private static Tensor Hard(long[] prediction) =>
        nn.functional.one_hot(tensor(prediction).view(1, 2, 3), 3).permute(0, 3, 1, 2).to_type(ScalarType.Float64);

    [Fact]
    public void On_a_hard_prediction_it_is_the_mean_over_present_classes_of_one_minus_IoU()
    {
        // Pixels a b c / d e (void). Class 0: truth {a, b}, predicted {a} (the void pixel's 0 does
        // not count) → IoU 1/2. Class 1: truth {c, d}, predicted {b, c, d, e} → IoU 2/4.
        // Class 2: truth {e}, predicted {} → IoU 0. Mean of 1 − IoU: (1/2 + 1/2 + 1)/3 = 2/3.
        var labels = tensor(Truth).view(1, 2, 3);
        Assert.Equal(2.0 / 3, LovaszSoftmax.OnProbabilities(Hard(Prediction), labels).item<double>(), 12);
        // Class 2 is absent from the truth of a perfect prediction of another map → it is not averaged in.
        long[] twoClasses = [0, 0, 1, 1, 1, 255];
        Assert.Equal(0.0, LovaszSoftmax.OnProbabilities(Hard([0, 0, 1, 1, 1, 2]), tensor(twoClasses).view(1, 2, 3)).item<double>(), 12);
    }

    [Fact]
    public void Images_are_averaged_and_an_all_void_image_is_left_out()
    {
        // Image 0 as above (2/3), image 1 all void (left out), image 2 predicted perfectly (0) → 1/3.
        var probabilities = cat([Hard(Prediction), Hard(Prediction), Hard([0, 0, 1, 1, 2, 0])], 0);
        var labels = stack([tensor(Truth).view(2, 3), full(2, 3, 255L), tensor(Truth).view(2, 3)]);
        Assert.Equal(1.0 / 3, LovaszSoftmax.OnProbabilities(probabilities, labels).item<double>(), 12);

        var allVoid = Hard(Prediction).requires_grad_(true);
        var loss = LovaszSoftmax.OnProbabilities(allVoid, full(1, 2, 3, 255L));
        Assert.Equal(0.0, loss.item<double>());
        loss.backward();
        Assert.Equal(0.0, allVoid.grad!.abs().max().item<double>());
    }

    [Fact]
    public void Void_pixels_get_zero_gradient()
    {
        using var generator = new Generator(13, CPU);
        var logits = randn([1, 3, 2, 3], dtype: ScalarType.Float64, generator: generator).requires_grad_(true);
        LovaszSoftmax.WithLogits(logits, tensor(Truth).view(1, 2, 3)).backward();
        Assert.Equal(0.0, logits.grad![.., .., 1, 2].abs().max().item<double>());
        Assert.True(logits.grad!.abs().max().item<double>() > 1e-3);
    }

    [Fact]
    public void Float32_gradient_agrees_with_float64_and_float64_with_central_differences()
    {
        using var generator = new Generator(17, CPU);
        var logits = randn([2, 4, 3, 4], dtype: ScalarType.Float64, generator: generator) * 2;
        var labels = randint(0, 4, [2, 3, 4], generator: generator);
        labels[1, 0] = full(4, 255L);
        ClassLossGradients.AssertFloat32MatchesFloat64(z => LovaszSoftmax.WithLogits(z, labels), logits);
        ClassLossGradients.AssertMatchesFiniteDifferences(z => LovaszSoftmax.WithLogits(z, labels), logits);
    }

    [Fact]
    public void Bad_inputs_are_refused()
    {
        Assert.Throws<ArgumentException>(() => LovaszSoftmax.WithLogits(zeros(1, 3, 2, 2), zeros(1, 2, 3, dtype: ScalarType.Int64)));
        Assert.Throws<ArgumentException>(() => LovaszSoftmax.OnProbabilities(zeros(3, 2, 2), zeros(1, 2, 2, dtype: ScalarType.Int64)));
        Assert.Contains("label 7", Assert.Throws<ArgumentException>(() => LovaszSoftmax.WithLogits(zeros(1, 3, 2, 2), full(1, 2, 2, 7L))).Message);
    }
}
