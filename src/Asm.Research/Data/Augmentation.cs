using Asm.Research.Configuration;
using Asm.Research.Platform;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Asm.Research.Data;

/// <summary>
/// Training augmentation as tensor operations on a whole batch (DESIGN.md, "Data"): horizontal
/// flip, scale-crop (affine grid + bilinear sampling of the image; binary masks sampled bilinearly and
/// re-thresholded at 0.5, class-index label maps sampled by nearest neighbour so every label stays
/// exact, with pixels from outside the image marked void), and colour jitter of brightness, contrast
/// and saturation. The random part (<see cref="Draw"/>) is
/// separate from the arithmetic (<see cref="Apply"/>), so both can be tested and reproduced.
/// </summary>
public static class Augmentation
{
    // ITU-R BT.601 luma, the grey that torchvision's saturation/contrast jitter uses.
    private const double LumaR = 0.299, LumaG = 0.587, LumaB = 0.114;

    /// <summary>
    /// Draws one <see cref="SampleAugmentation"/> per sample. Seven numbers are drawn per sample
    /// whatever is switched off, so switching one augmentation off leaves the others' draws unchanged.
    /// </summary>
    public static SampleAugmentation[] Draw(int count, DataConfig config, Random random)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(random);
        double min = Math.Clamp(config.ScaleCropMin, 0.05, 1), j = Math.Clamp(config.JitterStrength, 0, 1);
        var result = new SampleAugmentation[count];
        for (int i = 0; i < count; i++)
        {
            bool flip = random.NextDouble() < 0.5;
            double scale = min + (1 - min) * random.NextDouble();
            double x = (1 - scale) * (2 * random.NextDouble() - 1);
            double y = (1 - scale) * (2 * random.NextDouble() - 1);
            double brightness = 1 + j * (2 * random.NextDouble() - 1);
            double contrast = 1 + j * (2 * random.NextDouble() - 1);
            double saturation = 1 + j * (2 * random.NextDouble() - 1);
            result[i] = new SampleAugmentation(
                config.Flip && flip,
                config.ScaleCrop ? scale : 1, config.ScaleCrop ? x : 0, config.ScaleCrop ? y : 0,
                config.ColorJitter ? brightness : 1, config.ColorJitter ? contrast : 1, config.ColorJitter ? saturation : 1);
        }
        return result;
    }

    /// <summary>
    /// Applies per-sample parameters. <paramref name="images"/>: N×3×H×W in [0,1];
    /// <paramref name="masks"/>: N×1×H×W, in {0,1} or (with <paramref name="classLabels"/>) class indices with
    /// 255 for void. Returns new tensors; the inputs are not modified. Steps whose parameters are all
    /// identity are skipped, so an identity augmentation returns exact copies.
    /// </summary>
    public static (Tensor Images, Tensor Masks) Apply(Tensor images, Tensor masks, IReadOnlyList<SampleAugmentation> parameters, bool classLabels = false)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        long n = images.shape[0];
        if (images.dim() != 4 || images.shape[1] != 3 || masks.dim() != 4 || masks.shape[1] != 1 || masks.shape[0] != n || parameters.Count != n)
            throw new ArgumentException($"Expected images N×3×H×W, masks N×1×H×W and N parameters; got [{string.Join(", ", images.shape)}], [{string.Join(", ", masks.shape)}], {parameters.Count}.");

        using var scope = NewDisposeScope();
        using var s = new ScalarScope();
        var device = images.device;
        Tensor PerSample(Func<SampleAugmentation, double> pick) =>
            tensor(parameters.Select(p => (float)pick(p)).ToArray(), [n, 1, 1, 1], dtype: images.dtype, device: device);

        Tensor x = images.clone(), y = masks.clone();

        if (parameters.Any(p => p.Flip))
        {
            // Exact mirror (no resampling) where chosen, the sample itself elsewhere.
            var flip = tensor(parameters.Select(p => p.Flip).ToArray(), [n, 1, 1, 1], device: device);
            x = where(flip, x.flip(3), x);
            y = where(flip, y.flip(3), y);
        }

        if (parameters.Any(p => p.Crops))
        {
            // affine_grid maps output to input coordinates: scale < 1 samples a smaller
            // window, i.e. crops and enlarges it back to S×S.
            var theta = tensor(parameters.SelectMany(p => new[] { (float)p.CropScale, 0f, (float)p.CropX, 0f, (float)p.CropScale, (float)p.CropY }).ToArray(),
                               [n, 2, 3], dtype: images.dtype, device: device);
            var grid = F.affine_grid(theta, x.shape, align_corners: false);
            x = F.grid_sample(x, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Border, align_corners: false);
            y = classLabels
                ? SampleLabels(y, grid)
                // Sample the mask like the image, then threshold: the boundary moves with the image's.
                : F.grid_sample(y, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Border, align_corners: false).ge(s.Of(0.5)).to_type(y.dtype);
        }

        if (parameters.Any(p => p.Jitters))
        {
            Scalar zero = s.Of(0), one = s.Of(1);
            x = x.mul(PerSample(p => p.Brightness)).clamp(zero, one);
            var mean = Grey(x, s).mean([1, 2, 3], keepdim: true);
            x = s.Add(x.sub(mean).mul(PerSample(p => p.Contrast)), mean).clamp(zero, one);
            var grey = Grey(x, s);
            x = s.Add(x.sub(grey).mul(PerSample(p => p.Saturation)), grey).clamp(zero, one);
        }

        return (x.MoveToOuterDisposeScope(), y.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Class labels at the grid's points: the nearest pixel's label (never a blend of two classes), and void
    /// where the point falls outside the image (no label is known there).
    /// </summary>
    private static Tensor SampleLabels(Tensor labels, Tensor grid)
    {
        var sampled = F.grid_sample(labels, grid, GridSampleMode.Nearest, GridSamplePaddingMode.Zeros, align_corners: false);
        var inside = F.grid_sample(ones_like(labels), grid, GridSampleMode.Nearest, GridSamplePaddingMode.Zeros, align_corners: false);
        using var s = new ScalarScope();
        return where(inside.gt(s.Of(0.5)), sampled, full_like(sampled, s.Of(Tasks.SegmentationTask.VoidLabel)));
    }

    /// <summary>N×1×H×W luma of N×3×H×W RGB.</summary>
    private static Tensor Grey(Tensor rgb, ScalarScope s) =>
        s.Add(s.Add(rgb[.., 0..1].mul(s.Of(LumaR)), rgb[.., 1..2].mul(s.Of(LumaG))), rgb[.., 2..3].mul(s.Of(LumaB)));
}
