using Asm.Research.Metrics.Classes;
using Asm.Research.Platform;
using static TorchSharp.torch;
using static Asm.Research.Tests.Metrics.Classes.LabelGrid;

namespace Asm.Research.Tests.Metrics.Classes;

public class ConfusionMatrixTests
{
    public ConfusionMatrixTests() => TorchRuntime.EnsureLoaded();

    // 3×4, C = 3, two void truth pixels (predicted 0 and 1: they must not count).
    private static readonly int[,] Truth =
    {
        { 0, 0, 1, 1 },
        { 0, 2, 1, V },
        { 2, 2, V, 1 },
    };

    private static readonly int[,] Prediction =
    {
        { 0, 1, 1, 1 },
        { 0, 2, 2, 0 },
        { 2, 0, 1, 1 },
    };

    private static ConfusionMatrix HandCase(int classes = 3)
    {
        var m = new ConfusionMatrix(classes);
        m.Add(ToTensor(Prediction), ToTensor(Truth));
        return m;
    }

    [Fact]
    public void Counts_a_hand_computed_case_and_skips_void_truth()
    {
        // (truth, prediction) over the 10 non-void pixels:
        // truth 0: (0,0) (0,0) (0,1)          → row 0 = [2, 1, 0]
        // truth 1: (1,1) (1,1) (1,1) (1,2)    → row 1 = [0, 3, 1]
        // truth 2: (2,2) (2,2) (2,0)          → row 2 = [1, 0, 2]
        var m = HandCase();
        Assert.Equal(new[] { new long[] { 2, 1, 0 }, [0, 3, 1], [1, 0, 2] }, m.ToArray());
        Assert.Equal(10, m.Total);
        Assert.Equal(3, m[1, 1]);
        Assert.Equal(1, m[2, 0]);
    }

    [Fact]
    public void Scores_a_hand_computed_case()
    {
        // Row sums 3, 4, 3; column sums 3, 4, 3; trace 7; total 10.
        // IoU: 2/(3+3−2) = 0.5, 3/(4+4−3) = 0.6, 2/(3+3−2) = 0.5; mIoU = 1.6/3.
        // Pixel accuracy 7/10. Class accuracy 2/3, 3/4, 2/3; mean = 25/36.
        // FWIoU = 0.3·0.5 + 0.4·0.6 + 0.3·0.5 = 0.54. Off-diagonal 3/10.
        var m = HandCase();
        var iou = m.ClassIou();
        Assert.Equal(0.5, iou[0]!.Value, 12);
        Assert.Equal(0.6, iou[1]!.Value, 12);
        Assert.Equal(0.5, iou[2]!.Value, 12);
        Assert.Equal(1.6 / 3, m.MeanIou(), 12);
        Assert.Equal(0.7, m.PixelAccuracy(), 12);
        var accuracy = m.ClassAccuracy();
        Assert.Equal(2.0 / 3, accuracy[0]!.Value, 12);
        Assert.Equal(0.75, accuracy[1]!.Value, 12);
        Assert.Equal(2.0 / 3, accuracy[2]!.Value, 12);
        Assert.Equal(25.0 / 36, m.MeanClassAccuracy(), 12);
        Assert.Equal(0.54, m.FrequencyWeightedIou(), 12);
        // Truth 1 predicted 2: 1 of 4; truth 2 predicted 0: 1 of 3; truth 0 never predicted 2.
        Assert.Equal(0.25, m.ConfusionShare(1, 2)!.Value, 12);
        Assert.Equal(1.0 / 3, m.ConfusionShare(2, 0)!.Value, 12);
        Assert.Equal(0.0, m.ConfusionShare(0, 2)!.Value, 12);
        Assert.Equal(0.3, m.OffDiagonalShare(), 12);
    }

    [Fact]
    public void A_class_absent_from_truth_and_prediction_has_no_iou_and_is_left_out_of_the_means()
    {
        // Same maps with C = 4: class 3 occurs nowhere.
        var m = HandCase(classes: 4);
        Assert.Null(m.ClassIou()[3]);
        Assert.Null(m.ClassAccuracy()[3]);
        Assert.Null(m.ConfusionShare(3, 0));
        Assert.Equal(1.6 / 3, m.MeanIou(), 12);
        Assert.Equal(25.0 / 36, m.MeanClassAccuracy(), 12);
        Assert.Equal(0.54, m.FrequencyWeightedIou(), 12);
    }

    [Fact]
    public void A_class_only_predicted_has_iou_0_in_the_mean_and_no_accuracy()
    {
        // Truth all 0, prediction half 0 half 1: IoU_0 = 2/4, IoU_1 = 0/2 (defined); mIoU = 0.25.
        var m = new ConfusionMatrix(3);
        m.Add(ToTensor(new[,] { { 0, 0, 1, 1 } }), ToTensor(new[,] { { 0, 0, 0, 0 } }));
        Assert.Equal(0.0, m.ClassIou()[1]!.Value, 12);
        Assert.Equal(0.25, m.MeanIou(), 12);
        Assert.Null(m.ClassAccuracy()[1]);
        Assert.Equal(0.5, m.MeanClassAccuracy(), 12);
        // FWIoU: only class 0 has truth pixels: 1 · 0.5.
        Assert.Equal(0.5, m.FrequencyWeightedIou(), 12);
    }

    [Fact]
    public void Matches_a_loop_over_pixels_for_batches_and_float_labels_and_merges()
    {
        var random = new Random(3);
        const int classes = 5, h = 17, w = 23;
        var truths = Enumerable.Range(0, 2).Select(_ => LabelGrid.Random(random, h, w, classes, withVoid: true)).ToArray();
        var predictions = Enumerable.Range(0, 2).Select(_ => LabelGrid.Random(random, h, w, classes, withVoid: false)).ToArray();
        var expected = new long[classes, classes];
        for (int i = 0; i < 2; i++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    if (truths[i][y, x] != V) expected[truths[i][y, x], predictions[i][y, x]]++;

        var batch = new ConfusionMatrix(classes);
        batch.Add(stack(predictions.Select(ToTensor)).to_type(ScalarType.Float32), stack(truths.Select(ToTensor)).to_type(ScalarType.Byte));
        var merged = new ConfusionMatrix(classes);
        foreach (var i in new[] { 0, 1 })
        {
            var part = new ConfusionMatrix(classes);
            part.Add(ToTensor(predictions[i]), ToTensor(truths[i]));
            merged.Add(part);
        }
        for (int t = 0; t < classes; t++)
            for (int p = 0; p < classes; p++)
            {
                Assert.Equal(expected[t, p], batch[t, p]);
                Assert.Equal(expected[t, p], merged[t, p]);
            }
    }

    [Fact]
    public void Leaves_the_callers_tensors_usable()
    {
        var p = ToTensor(Prediction);
        var t = ToTensor(Truth);
        using (var scope = NewDisposeScope())
            new ConfusionMatrix(3).Add(p, t);
        Assert.Equal(V, t[1, 3].item<long>());
        Assert.Equal(0, p[1, 3].item<long>());
    }

    [Fact]
    public void A_truth_label_beyond_the_classes_is_named()
    {
        var truth = ToTensor(new[,] { { 0, 1 }, { 7, 2 } });
        var e = Assert.Throws<ArgumentException>(() => new ConfusionMatrix(3).Add(ToTensor(new[,] { { 0, 1 }, { 2, 2 } }), truth));
        Assert.Contains("label 7", e.Message);
        Assert.Contains("3 classes", e.Message);
        Assert.Equal("truth", e.ParamName);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(255)]
    [InlineData(-1)]
    public void A_predicted_label_outside_the_classes_is_named(int label)
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new ConfusionMatrix(3).Add(ToTensor(new[,] { { 0, label } }), ToTensor(new[,] { { 0, 1 } })));
        Assert.Contains($"label {label}", e.Message);
        Assert.Equal("predicted", e.ParamName);
    }

    [Fact]
    public void Fractional_labels_shape_mismatch_and_class_counts_are_rejected()
    {
        var m = new ConfusionMatrix(3);
        var shape = Assert.Throws<ArgumentException>(() => m.Add(zeros(4, 5, dtype: ScalarType.Int64), zeros(4, 6, dtype: ScalarType.Int64)));
        Assert.Contains("[4, 5]", shape.Message);
        Assert.Contains("[4, 6]", shape.Message);
        var fraction = Assert.Throws<ArgumentException>(() => m.Add(tensor(new[] { 0f, 1.5f }).view(1, 2), zeros(1, 2)));
        Assert.Contains("1.5", fraction.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConfusionMatrix(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConfusionMatrix(255));
        Assert.Throws<ArgumentException>(() => m.Add(new ConfusionMatrix(4)));
        Assert.Equal(0, m.Total);   // nothing counted by the failed adds
    }
}
