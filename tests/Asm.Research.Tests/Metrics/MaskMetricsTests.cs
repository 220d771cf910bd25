using Asm.Research.Metrics;
using Asm.Research.Platform;
using static TorchSharp.torch;

namespace Asm.Research.Tests.Metrics;

public class MaskMetricsTests
{
    public MaskMetricsTests() => TorchRuntime.EnsureLoaded();

    /// <summary>An H×W bool mask with the box rows [top, top+h), cols [left, left+w) set.</summary>
    internal static Tensor Box(int height, int width, int top, int left, int h, int w)
    {
        var mask = zeros(height, width, dtype: ScalarType.Bool);
        if (h > 0 && w > 0) mask[TensorIndex.Slice(top, top + h), TensorIndex.Slice(left, left + w)] = tensor(true);
        return mask;
    }

    [Fact]
    public void Overlapping_squares_give_exact_iou_miou_and_accuracy()
    {
        // 4×4 squares at (0,0) and (2,2) in 10×10: intersection 4, union 28; background 72 / 96.
        var s = MaskMetrics.Score(Box(10, 10, 0, 0, 4, 4), Box(10, 10, 2, 2, 4, 4));
        Assert.Equal((4L, 28L, 76L, 100L), (s.Intersection, s.Union, s.Correct, s.Pixels));
        Assert.Equal(1.0 / 7, s.Iou, 12);
        Assert.Equal((1.0 / 7 + 0.75) / 2, s.MIou, 12);
        Assert.Equal(0.76, s.PixelAcc, 12);
    }

    [Fact]
    public void Float_and_batched_shapes_are_accepted_like_bool()
    {
        var p = Box(10, 10, 0, 0, 4, 4);
        var g = Box(10, 10, 2, 2, 4, 4);
        var s = MaskMetrics.Score(p.to_type(ScalarType.Float32).view(1, 1, 10, 10), g.to_type(ScalarType.Int64));
        Assert.Equal(1.0 / 7, s.Iou, 12);
        Assert.Throws<ArgumentException>(() => MaskMetrics.Score(p, zeros(10, 12)));
    }

    [Fact]
    public void Empty_masks_match_perfectly_and_a_missed_object_scores_zero()
    {
        var empty = Box(16, 16, 0, 0, 0, 0);
        var both = MaskMetrics.Score(empty, empty);
        Assert.Equal((1.0, 1.0, 1.0, 1.0, 1.0), (both.Iou, both.MIou, both.PixelAcc, both.BoundaryF, both.BoundaryIou));

        var missed = MaskMetrics.Score(empty, Box(16, 16, 4, 4, 4, 4));
        Assert.Equal((0.0, 0.0, 0.0), (missed.Iou, missed.BoundaryF, missed.BoundaryIou));
        // Background: 240 of 256 pixels agree; its IoU is 240 / 256.
        Assert.Equal((0 + 240.0 / 256) / 2, missed.MIou, 12);
    }

    [Fact]
    public void Boundary_f_forgives_a_one_pixel_shift_but_not_five()
    {
        var truth = Box(40, 40, 10, 10, 20, 20);
        Assert.Equal(1.0, MaskMetrics.Score(Box(40, 40, 11, 10, 20, 20), truth).BoundaryF, 12);
        Assert.Equal(1.0, MaskMetrics.Score(Box(40, 40, 11, 11, 20, 20), truth).BoundaryF, 12);  // √2 ≤ 2
        double far = MaskMetrics.Score(Box(40, 40, 15, 10, 20, 20), truth).BoundaryF;
        Assert.InRange(far, 0.1, 0.9);
        // With tolerance 0 even the one-pixel shift loses the top and bottom rows.
        Assert.True(MaskMetrics.Score(Box(40, 40, 11, 10, 20, 20), truth, new MetricOptions(TolerancePixels: 0)).BoundaryF < 1);
    }

    [Fact]
    public void Boundary_iou_is_one_for_identical_zero_for_disjoint_and_exact_for_a_shift()
    {
        var truth = Box(40, 40, 10, 10, 20, 20);
        Assert.Equal(1.0, MaskMetrics.Score(truth, truth).BoundaryIou, 12);
        Assert.Equal(0.0, MaskMetrics.Score(Box(40, 40, 0, 0, 5, 5), truth).BoundaryIou, 12);
        // d = max(1, round(0.02 · 56.6)) = 1: each band is the square's 76-pixel contour.
        // Shifted down by one they share the two side columns for rows 11…29: 38 pixels; union 114.
        Assert.Equal(1.0 / 3, MaskMetrics.Score(Box(40, 40, 11, 10, 20, 20), truth).BoundaryIou, 12);
    }

    [Fact]
    public void Image_border_counts_as_background()
    {
        // A full-image mask has a contour along the border, so a prediction missing a border row is measured.
        var full = ones(20, 20, dtype: ScalarType.Bool);
        var s = MaskMetrics.Score(full, full);
        Assert.Equal((1.0, 1.0), (s.BoundaryF, s.BoundaryIou));
        Assert.True(MaskMetrics.Score(Box(20, 20, 0, 0, 20, 15), full).BoundaryF < 1);
    }
}
