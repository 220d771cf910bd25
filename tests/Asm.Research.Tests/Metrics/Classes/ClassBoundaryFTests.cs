using Asm.Research.Metrics.Classes;
using Asm.Research.Platform;
using static Asm.Research.Tests.Metrics.Classes.LabelGrid;

namespace Asm.Research.Tests.Metrics.Classes;

public class ClassBoundaryFTests
{
    public ClassBoundaryFTests() => TorchRuntime.EnsureLoaded();

    private static double?[] Score(int[,] predicted, int[,] truth, int classes, int tolerance = 2) =>
        ClassBoundaryF.Score(ToTensor(predicted), ToTensor(truth), classes, tolerance);

    [Fact]
    public void Identical_maps_score_1_for_present_classes_and_null_for_absent_ones()
    {
        var map = Box(10, 12, 0, 2, 2, 3, 5, 6);
        for (int y = 0; y < 10; y++) map[y, 11] = 1;   // a stripe along the right border
        Assert.Equal(new double?[] { 1, 1, 1, null }, Score(map, map, classes: 4));
    }

    [Fact]
    public void A_region_shifted_by_3_pixels_loses_the_boundary_pixels_beyond_the_tolerance()
    {
        // 16×12, class 1 box rows 2…9 × cols 3…8 in the truth, rows 5…12 in the prediction.
        // Class 1 (inner rings of 24 px): of the predicted ring, the top row (row 5) is within 2 px of
        // the true sides, the sides rows 6…11 lie on or within 2 px of the true ring, the bottom row
        // (row 12) is 3 px from row 9: 18/24 hit; recall likewise by symmetry → F = 0.75.
        // Class 0 (outer rings without corners, 28 px): predicted row 4 hits at cols 3, 4, 7, 8 (the
        // true sides at cols 2 and 9 are 1–2 px away) but not 5, 6; row 13 misses (3 px below row 10);
        // sides cols 2 and 9 hit on rows 5…11 and miss at row 12 ((10,3) is √5 away): 4 + 14 = 18/28
        // → P = R = 9/14 = F.
        var truth = Box(16, 12, 0, 1, 2, 3, 8, 6);
        var prediction = Box(16, 12, 0, 1, 5, 3, 8, 6);
        var f = Score(prediction, truth, classes: 2);
        Assert.Equal(9.0 / 14, f[0]!.Value, 12);
        Assert.Equal(0.75, f[1]!.Value, 12);
        // Within the tolerance the shift is forgiven.
        Assert.Equal(new double?[] { 1, 1 }, Score(prediction, truth, classes: 2, tolerance: 3));
    }

    [Fact]
    public void The_image_border_makes_no_boundary()
    {
        // 10×12, truth: class 1 fills cols 0…3 (a stripe along the left, top and bottom borders).
        // Prediction: the same without row 0, which is class 0.
        // Class 1: truth boundary = col 3 (10 px). Predicted = row 1 cols 0…3 + col 3 rows 1…9 = 12 px,
        //   all within 2 px of col 3 except (1,0): P = 11/12, R = 10/10 → F = 22/23.
        // Class 0: truth boundary = col 4 (10 px). Predicted = row 0 cols 0…3 + col 4 rows 1…9 = 13 px;
        //   (0,0) and (0,1) are 4 and 3 px from (0,4): P = 11/13, R = 10/10 ((0,4) is 1 px from (0,3))
        //   → F = 22/24.
        // Counting the border as boundary would add col 0 and rows 0 and 9 and make P = 1 for class 1.
        var truth = Box(10, 12, 0, 1, 0, 0, 10, 4);
        var prediction = Box(10, 12, 0, 1, 1, 0, 9, 4);
        var f = Score(prediction, truth, classes: 2);
        Assert.Equal(22.0 / 24, f[0]!.Value, 12);
        Assert.Equal(22.0 / 23, f[1]!.Value, 12);
    }

    [Fact]
    public void A_void_neighbour_makes_a_boundary_pixel()
    {
        // Every row: truth [0 0 0 V 1 1], prediction [0 0 1 1 1 1] → masked [0 0 1 V 1 1]; τ = 1.
        // Class 0: truth boundary {col 2} (next to void), predicted {col 1}: 1 px apart → F = 1.
        // Class 1: truth boundary {col 4} (next to void), predicted {col 2, col 4}: col 2 is 2 px
        //   away → P = 1/2, R = 1 → F = 2/3. (Without void boundaries the truth would have none: F = 0.)
        var truth = new int[4, 6];
        var prediction = new int[4, 6];
        for (int y = 0; y < 4; y++)
        {
            int[] t = [0, 0, 0, V, 1, 1], p = [0, 0, 1, 1, 1, 1];
            for (int x = 0; x < 6; x++) (truth[y, x], prediction[y, x]) = (t[x], p[x]);
        }
        var f = Score(prediction, truth, classes: 2, tolerance: 1);
        Assert.Equal(1.0, f[0]!.Value, 12);
        Assert.Equal(2.0 / 3, f[1]!.Value, 12);
    }

    [Fact]
    public void A_wrong_prediction_under_void_does_not_count()
    {
        // Truth: class 0 with a void box; prediction: class 0 with class 2 exactly under the void box.
        // Masked, the prediction equals the truth: class 0 scores 1 (both boundaries ring the void
        // box) and class 2 is absent from both (null, not 0).
        var truth = Box(10, 10, 0, V, 3, 3, 3, 4);
        var prediction = Box(10, 10, 0, 2, 3, 3, 3, 4);
        Assert.Equal(new double?[] { 1, null, null }, Score(prediction, truth, classes: 3));
    }

    [Fact]
    public void A_class_filling_the_image_scores_1_in_both_maps_and_0_in_one_only()
    {
        Assert.Equal(new double?[] { null, null, 1 }, Score(Filled(6, 7, 2), Filled(6, 7, 2), classes: 3));
        // A whole-image miss: neither map has a boundary, yet each class occurs in one map only.
        Assert.Equal(new double?[] { 0, 0, null }, Score(Filled(6, 7, 1), Filled(6, 7, 0), classes: 3));
    }

    [Fact]
    public void A_class_present_on_one_side_only_scores_0()
    {
        // Class 1 predicted as a box where the truth is all 0: its predicted boundary has no true
        // counterpart → 0; class 0's true boundary is empty while the predicted one is not → 0.
        Assert.Equal(new double?[] { 0, 0 }, Score(Box(8, 8, 0, 1, 2, 2, 3, 3), Filled(8, 8, 0), classes: 2));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    public void Equals_the_definition_computed_pixel_by_pixel_on_random_maps(int seed, int tolerance)
    {
        var random = new Random(seed);
        const int classes = 4, h = 21, w = 27;
        var truth = LabelGrid.Random(random, h, w, classes, withVoid: true);
        var prediction = LabelGrid.Random(random, h, w, classes, withVoid: false);
        var expected = Reference(prediction, truth, classes, tolerance);
        var actual = Score(prediction, truth, classes, tolerance);
        Assert.Equal(expected.Length, actual.Length);
        for (int c = 0; c < classes; c++)
        {
            Assert.Equal(expected[c].HasValue, actual[c].HasValue);
            if (expected[c] is double e) Assert.Equal(e, actual[c]!.Value, 12);
        }
        Assert.Contains(expected, f => f is > 0 and < 1);   // the random case is not trivial
    }

    [Fact]
    public void Bad_inputs_are_rejected()
    {
        var map = Filled(4, 4, 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => Score(map, map, classes: 2, tolerance: -1));
        var batch = TorchSharp.torch.zeros(2, 4, 4, dtype: TorchSharp.torch.ScalarType.Int64);
        var e = Assert.Throws<ArgumentException>(() => ClassBoundaryF.Score(batch, batch, 2));
        Assert.Contains("H×W", e.Message);
        var bad = Assert.Throws<ArgumentException>(() => Score(map, Box(4, 4, 0, 9, 0, 0, 1, 1), classes: 2));
        Assert.Contains("label 9", bad.Message);
    }

    // The definition, pixel by pixel: mask the prediction, find each map's class-c boundary pixels,
    // and count those within Euclidean distance τ of the other map's.
    internal static double?[] Reference(int[,] predicted, int[,] truth, int classes, int tolerance)
    {
        int h = truth.GetLength(0), w = truth.GetLength(1);
        var masked = (int[,])predicted.Clone();
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                if (truth[y, x] == V) masked[y, x] = V;
        var f = new double?[classes];
        for (int c = 0; c < classes; c++)
        {
            bool inP = Occurs(masked, c), inT = Occurs(truth, c);
            if (!inP && !inT) continue;
            var bp = Boundary(masked, c);
            var bt = Boundary(truth, c);
            if (bp.Count == 0 && bt.Count == 0) { f[c] = inP && inT ? 1 : 0; continue; }
            if (bp.Count == 0 || bt.Count == 0) { f[c] = 0; continue; }
            double precision = (double)bp.Count(a => bt.Any(b => Near(a, b, tolerance))) / bp.Count;
            double recall = (double)bt.Count(a => bp.Any(b => Near(a, b, tolerance))) / bt.Count;
            f[c] = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        return f;
    }

    private static bool Occurs(int[,] map, int c) => map.Cast<int>().Contains(c);

    private static bool Near((int Y, int X) a, (int Y, int X) b, int tolerance) =>
        (a.Y - b.Y) * (a.Y - b.Y) + (a.X - b.X) * (a.X - b.X) <= tolerance * tolerance;

    private static List<(int Y, int X)> Boundary(int[,] map, int c)
    {
        int h = map.GetLength(0), w = map.GetLength(1);
        var pixels = new List<(int, int)>();
        (int, int)[] steps = [(-1, 0), (1, 0), (0, -1), (0, 1)];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                if (map[y, x] == c && steps.Any(s =>
                        y + s.Item1 >= 0 && y + s.Item1 < h && x + s.Item2 >= 0 && x + s.Item2 < w && map[y + s.Item1, x + s.Item2] != c))
                    pixels.Add((y, x));
        return pixels;
    }
}
