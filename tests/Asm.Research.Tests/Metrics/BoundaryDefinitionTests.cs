using Asm.Research.Metrics;
using Asm.Research.Platform;
using static TorchSharp.torch;
using static Asm.Research.Tests.Metrics.MaskMetricsTests;

namespace Asm.Research.Tests.Metrics;

/// <summary>Boundary IoU as Cheng et al.'s code computes it (d-fold 3×3 erosion), the disk option, and DAVIS's boundary F tolerance.</summary>
public class BoundaryDefinitionTests
{
    public BoundaryDefinitionTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Chessboard_boundary_iou_matches_a_hand_computed_case()
    {
        // 8×8, dilation 0.2: d = round(0.2 · 11.31) = 2. Truth = the full image: its band is the
        // 64 − 4·4 = 48 pixels within chessboard distance 2 of the border. Prediction = rows 1…7:
        // 56 pixels minus its 3×4 kept core (rows 3–5, cols 2–5) = 44. Shared 40, union 52.
        var options = new MetricOptions(BoundaryIouDilation: 0.2);
        var truth = Box(8, 8, 0, 0, 8, 8);
        var prediction = Box(8, 8, 1, 0, 7, 8);
        Assert.Equal(40.0 / 52, MaskMetrics.Score(prediction, truth, options).BoundaryIou, 12);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Chessboard_boundary_iou_equals_the_documented_formula_on_random_masks(int seed)
    {
        // Reference: G_d = pixels of G within chessboard distance d of a pixel outside G (outside the
        // image counts as outside), computed by brute force; BIoU = |G_d ∩ P_d| / |G_d ∪ P_d|.
        var random = new Random(seed);
        const int h = 24, w = 30;
        var options = new MetricOptions(BoundaryIouDilation: 0.08); // d = round(0.08 · 38.4) = 3
        int d = options.BoundaryIouDistance(h, w);
        Assert.Equal(3, d);
        bool[,] truth = Blob(random, h, w), prediction = Blob(random, h, w);
        var gBand = Band(truth, d);
        var pBand = Band(prediction, d);
        int both = 0, either = 0;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                both += gBand[y, x] && pBand[y, x] ? 1 : 0;
                either += gBand[y, x] || pBand[y, x] ? 1 : 0;
            }
        double expected = either == 0 ? 1 : (double)both / either;
        Assert.Equal(expected, MaskMetrics.Score(ToTensor(prediction), ToTensor(truth), options).BoundaryIou, 12);
    }

    [Fact]
    public void Disk_erosion_is_an_option_and_differs_from_the_square_on_round_shapes()
    {
        var disk = new MetricOptions(BoundaryIouDilation: 0.1, BoundaryIouErosion: BoundaryErosion.Disk);
        var square = disk with { BoundaryIouErosion = BoundaryErosion.Square };
        var random = new Random(7);
        var truth = ToTensor(Blob(random, 40, 40));
        var prediction = ToTensor(Blob(random, 40, 40));
        double a = MaskMetrics.Score(prediction, truth, disk).BoundaryIou;
        double b = MaskMetrics.Score(prediction, truth, square).BoundaryIou;
        Assert.NotEqual(a, b, 6);
        Assert.Equal(1.0, MaskMetrics.Score(truth, truth, disk).BoundaryIou, 12);
    }

    [Fact]
    public void Davis_tolerance_is_the_ceiling_of_0_008_diagonals()
    {
        var davis = new MetricOptions(Tolerance: BoundaryTolerance.Davis);
        Assert.Equal(6, davis.TolerancePixelsFor(400, 500));   // 0.008 · 640.3 = 5.12
        Assert.Equal(2, davis.TolerancePixelsFor(128, 128));   // 0.008 · 181.0 = 1.45
        // A 5-pixel shift is within DAVIS's 6 px at 400×500, not within the default 2 px.
        var truth = Box(400, 500, 100, 100, 200, 200);
        var shifted = Box(400, 500, 105, 100, 200, 200);
        Assert.Equal(1.0, MaskMetrics.Score(shifted, truth, davis).BoundaryF, 12);
        Assert.True(MaskMetrics.Score(shifted, truth).BoundaryF < 0.9);
    }

    // A few overlapping discs: round, so disk and square erosions differ.
    private static bool[,] Blob(Random random, int h, int w)
    {
        var mask = new bool[h, w];
        for (int k = 0; k < 3; k++)
        {
            double cy = random.Next(h), cx = random.Next(w), r = 3 + random.Next(Math.Min(h, w) / 3);
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    mask[y, x] |= (y - cy) * (y - cy) + (x - cx) * (x - cx) <= r * r;
        }
        return mask;
    }

    private static bool[,] Band(bool[,] mask, int d)
    {
        int h = mask.GetLength(0), w = mask.GetLength(1);
        var band = new bool[h, w];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                if (!mask[y, x]) continue;
                for (int dy = -d; dy <= d && !band[y, x]; dy++)
                    for (int dx = -d; dx <= d; dx++)
                    {
                        int yy = y + dy, xx = x + dx;
                        if (yy < 0 || yy >= h || xx < 0 || xx >= w || !mask[yy, xx]) { band[y, x] = true; break; }
                    }
            }
        return band;
    }

    private static Tensor ToTensor(bool[,] mask)
    {
        int h = mask.GetLength(0), w = mask.GetLength(1);
        var flat = new bool[h * w];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) flat[y * w + x] = mask[y, x];
        return tensor(flat).view(h, w);
    }
}
