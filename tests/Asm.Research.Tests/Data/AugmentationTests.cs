using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Tests.Data;

public sealed class AugmentationTests
{
    private const int S = 16;

    public AugmentationTests() => TorchRuntime.EnsureLoaded();

    private static (Tensor Images, Tensor Masks) TwoSamples()
    {
        var data = SyntheticHorses.Generate(new DataConfig { Size = S, SyntheticTrain = 2, SyntheticTest = 0 });
        var images = tensor(data.Train.SelectMany(s => s.Image).ToArray(), [2, 3, S, S]);
        var masks = tensor(data.Train.SelectMany(s => s.Mask).ToArray(), [2, 1, S, S]);
        return (images, masks);
    }

    [Fact]
    public void FlipMirrorsImageAndMaskOfTheChosenSamplesOnly()
    {
        using var scope = NewDisposeScope();
        var (images, masks) = TwoSamples();
        var flipOnly = SampleAugmentation.Identity with { Flip = true };
        var (x, y) = Augmentation.Apply(images, masks, [flipOnly, SampleAugmentation.Identity]);
        Assert.True(Tensors.Same(x[0], images[0].flip(2)));
        Assert.True(Tensors.Same(y[0], masks[0].flip(2)));
        Assert.True(Tensors.Same(x[1], images[1]));
        Assert.True(Tensors.Same(y[1], masks[1]));
    }

    [Fact]
    public void IdentityReturnsExactCopies()
    {
        using var scope = NewDisposeScope();
        var (images, masks) = TwoSamples();
        var (x, y) = Augmentation.Apply(images, masks, [SampleAugmentation.Identity, SampleAugmentation.Identity]);
        Assert.True(Tensors.Same(x, images) && Tensors.Same(y, masks));
        Assert.NotEqual(x.Handle, images.Handle); // a copy: the caller may dispose either
    }

    [Fact]
    public void CropZoomsIntoTheChosenWindowAndKeepsMasksBinary()
    {
        using var scope = NewDisposeScope();
        // Left half foreground; a crop inside the left half (x from −0.95 to −0.15) is all foreground.
        var masks = zeros(1, 1, S, S);
        masks[.., .., .., ..(S / 2)] = ones(1, 1, S, S / 2);
        var images = masks.expand(1, 3, S, S).contiguous();
        var insideLeft = SampleAugmentation.Identity with { CropScale = 0.4, CropX = -0.55, CropY = 0.3 };
        var (x, y) = Augmentation.Apply(images, masks, [insideLeft]);
        Assert.Equal(1.0, y.mean().item<float>(), 6);
        Assert.Equal(1.0, x.mean().item<float>(), 5);

        var centre = SampleAugmentation.Identity with { CropScale = 0.75 };
        var (_, y2) = Augmentation.Apply(images, masks, [centre]);
        Assert.True(y2.eq(0).logical_or(y2.eq(1)).all().item<bool>());
        Assert.Equal(0.5, y2.mean().item<float>(), 6); // symmetric crop of a half-plane
    }

    [Fact]
    public void ClassLabelsAreSampledByNearestNeighbourAndOutsidePixelsBecomeVoid()
    {
        using var scope = NewDisposeScope();
        // Labels 0…4 in columns (never a value between two classes after a crop), one void pixel.
        var labels = arange(S).remainder(5).to_type(ScalarType.Float32).expand(1, 1, S, S).contiguous();
        labels[0, 0, 3, 3] = tensor(255f);
        var images = rand(1, 3, S, S);
        var crop = SampleAugmentation.Identity with { CropScale = 0.6, CropX = 0.1, CropY = -0.2 };
        var (_, y) = Augmentation.Apply(images, labels, [crop], classLabels: true);
        var values = y.unique().Item1.data<float>().ToArray();
        Assert.All(values, v => Assert.Contains(v, new[] { 0f, 1f, 2f, 3f, 4f, 255f }));

        // A window reaching past the image (|x| + scale > 1): the columns from outside are void, the rest are labels.
        var outside = SampleAugmentation.Identity with { CropScale = 1.0, CropX = 0.5 };
        var (_, z) = Augmentation.Apply(images, labels, [outside], classLabels: true);
        Assert.True(z[0, 0, .., (S - 2)..].eq(255).all().item<bool>());
        Assert.True(z[0, 0, .., ..(S / 2)].lt(5).all().item<bool>());
    }

    [Fact]
    public void ColourJitterScalesBrightnessAndStaysInRange()
    {
        using var scope = NewDisposeScope();
        var (images, masks) = TwoSamples();
        var darker = SampleAugmentation.Identity with { Brightness = 0.5 };
        var (x, y) = Augmentation.Apply(images, masks, [darker, darker]);
        Assert.True(x.allclose(images * 0.5, rtol: 0, atol: 1e-6));
        Assert.True(Tensors.Same(y, masks)); // colour never touches the labels

        var grey = SampleAugmentation.Identity with { Saturation = 0, Contrast = 1.8, Brightness = 1.6 };
        var (g, _) = Augmentation.Apply(images, masks, [grey, grey]);
        Assert.True(g.min().item<float>() >= 0 && g.max().item<float>() <= 1);
        Assert.True(g[.., 0].allclose(g[.., 1], rtol: 0, atol: 1e-5)); // saturation 0: R = G = B
    }

    [Fact]
    public void DrawRespectsSwitchesAndRanges()
    {
        var config = new DataConfig { Flip = false, ScaleCrop = true, ScaleCropMin = 0.6, ColorJitter = false };
        var drawn = Augmentation.Draw(200, config, new Random(1));
        Assert.All(drawn, p =>
        {
            Assert.False(p.Flip);
            Assert.InRange(p.CropScale, 0.6, 1);
            Assert.InRange(Math.Abs(p.CropX), 0, 1 - p.CropScale + 1e-12);
            Assert.Equal((1.0, 1.0, 1.0), (p.Brightness, p.Contrast, p.Saturation));
        });
        // Switching flip off does not change the crops drawn.
        var withFlip = Augmentation.Draw(200, config with { Flip = true }, new Random(1));
        Assert.Equal(drawn.Select(p => p.CropScale), withFlip.Select(p => p.CropScale));
        Assert.InRange(withFlip.Count(p => p.Flip), 70, 130);
    }

    [Fact]
    public void NormalisationRoundTrips()
    {
        using var scope = NewDisposeScope();
        var (images, _) = TwoSamples();
        var normalised = ImageNormalization.Normalize(images);
        Assert.True(ImageNormalization.Denormalize(normalised).allclose(images, rtol: 0, atol: 1e-6));
        // The ImageNet mean colour maps to zero.
        var mean = tensor(ImageNormalization.Mean, [3, 1, 1]).expand(3, 4, 4);
        Assert.True(ImageNormalization.Normalize(mean).abs().max().item<float>() < 1e-6);
        Assert.Equal(new[] { 0.229f, 0.224f, 0.225f }, ImageNormalization.Std);
    }
}
