using System.Text.Json;
using Asm.Research.Metrics.Classes;
using Asm.Research.Platform;
using static Asm.Research.Tests.Metrics.Classes.LabelGrid;

namespace Asm.Research.Tests.Metrics.Classes;

public class ClassScoreAccumulatorTests
{
    public ClassScoreAccumulatorTests() => TorchRuntime.EnsureLoaded();

    private static readonly string[] Names = ["road", "car", "sky"];

    [Fact]
    public void Boundary_f_is_averaged_over_the_images_where_each_class_is_defined()
    {
        var scores = new ClassScoreAccumulator(Names, [(0, 1)]);
        // Image A: road and sky, predicted perfectly → [1, null, 1].
        var a = Box(10, 12, 0, 2, 2, 3, 5, 6);
        scores.Add(ToTensor(a), ToTensor(a));
        // Image B: the border case of ClassBoundaryFTests → [22/24, 22/23, null].
        scores.Add(ToTensor(Box(10, 12, 0, 1, 1, 0, 9, 4)), ToTensor(Box(10, 12, 0, 1, 0, 0, 10, 4)));

        Assert.Equal(2, scores.Images);
        var f = scores.BoundaryF();
        Assert.Equal((1 + 22.0 / 24) / 2, f[0]!.Value, 12);
        Assert.Equal(22.0 / 23, f[1]!.Value, 12);   // image A does not count as 0
        Assert.Equal(1.0, f[2]!.Value, 12);
        Assert.Equal(((1 + 22.0 / 24) / 2 + 22.0 / 23 + 1) / 3, scores.MeanBoundaryF(), 12);
    }

    [Fact]
    public void The_summary_pools_the_confusion_matrix_and_names_its_json_fields()
    {
        var scores = new ClassScoreAccumulator(Names, [(0, 1), (2, 1)]);
        // Image 1: truth [0 0 1 1], prediction [0 1 1 1]. Image 2: truth [1 1 V V], prediction [0 1 2 2].
        scores.Add(ToTensor(new[,] { { 0, 1, 1, 1 } }), ToTensor(new[,] { { 0, 0, 1, 1 } }));
        scores.Add(ToTensor(new[,] { { 0, 1, 2, 2 } }), ToTensor(new[,] { { 1, 1, V, V } }));
        // Pooled: row 0 = [1, 1, 0], row 1 = [1, 3, 0], row 2 = [0, 0, 0]; total 6, trace 4.
        var s = scores.Summary();
        Assert.Equal(new[] { new long[] { 1, 1, 0 }, [1, 3, 0], [0, 0, 0] }, s.Confusion);
        // IoU: road 1/(2+2−1) = 1/3, car 3/(4+4−3) = 3/5, sky absent → null; mIoU = 7/15.
        Assert.Equal(1.0 / 3, s.Iou[0]!.Value, 12);
        Assert.Equal(0.6, s.Iou[1]!.Value, 12);
        Assert.Null(s.Iou[2]);
        Assert.Equal(7.0 / 15, scores.MeanIou(), 12);
        Assert.Equal(4.0 / 6, scores.PixelAccuracy(), 12);
        Assert.Equal((0.5 + 0.75) / 2, scores.MeanClassAccuracy(), 12);
        Assert.Equal(2.0 / 6 / 3 + 4.0 / 6 * 0.6, scores.FrequencyWeightedIou(), 12);
        Assert.Equal(2.0 / 6, s.OffDiagonal, 12);
        // road as car 1/2, car as road 1/4; sky has no truth pixels → null.
        Assert.Equal(new ConfusionPairScore("road", "car", 0.5, 0.25), s.Pairs[0]);
        Assert.Equal(new ConfusionPairScore("sky", "car", null, 0.0), s.Pairs[1]);

        var json = JsonSerializer.Serialize(s);
        foreach (var name in new[] { "\"classes\"", "\"iou\"", "\"accuracy\"", "\"boundary_f\"", "\"confusion\"", "\"pairs\"", "\"off_diagonal\"",
                     "\"a\"", "\"b\"", "\"a_as_b\"", "\"b_as_a\"" })
            Assert.Contains(name, json);
    }

    [Fact]
    public void Bad_construction_and_an_empty_summary_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new ClassScoreAccumulator(Names, [(0, 3)]));
        Assert.Throws<ArgumentException>(() => new ClassScoreAccumulator(Names, [(1, 1)]));
        Assert.Throws<ArgumentException>(() => new ClassScoreAccumulator(["a", "a"], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClassScoreAccumulator(["a"], []));
        Assert.Throws<InvalidOperationException>(() => new ClassScoreAccumulator(Names, []).Summary());
    }

    [Fact]
    public void A_bad_image_changes_nothing()
    {
        var scores = new ClassScoreAccumulator(Names, []);
        Assert.Throws<ArgumentException>(() => scores.Add(ToTensor(new[,] { { 0, 1 } }), ToTensor(new[,] { { 0, 5 } })));
        Assert.Equal(0, scores.Images);
        Assert.All(scores.BoundaryF(), f => Assert.Null(f));
    }
}
