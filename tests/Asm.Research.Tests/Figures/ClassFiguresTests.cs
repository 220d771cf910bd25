using System.Text.Json;
using Asm.Research.Data;
using Asm.Research.Figures;
using Asm.Research.Metrics.Classes;
using Asm.Research.Visuals;
using Plotly.NET;

namespace Asm.Research.Tests.Figures;

/// <summary>The numbers behind the multi-class figures of asm figures, on hand-made records whose right answer is known.</summary>
public sealed class ClassFiguresTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("asm-class-figures-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly long[][] Diagonal = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];

    private static ClassScores Seed(double?[] iou, double?[]? boundaryF = null, long[][]? confusion = null) =>
        ClassRecordFiles.Scores(iou, boundaryF ?? iou, confusion ?? Diagonal);

    [Fact]
    public void A_delta_is_the_difference_of_seed_means_with_the_standard_error_of_that_difference()
    {
        // Class a: ce 0.5, 0.7 (mean 0.6, variance 0.02); asm+ce 0.8, 0.9, 1.0 (mean 0.9, variance 0.01), three seeds so that
        // swapping the n's changes the error: √(0.01/3 + 0.02/2) = 0.11547, not √(0.01/2 + 0.02/3) = 0.10801.
        // Class b: absent from every ce seed (null), so no delta. Class c: a score in one ce seed only: a delta, no error.
        var ce = ClassScoreSet.Of("ce", Seed([0.5, null, 0.4]), Seed([0.7, null, null]));
        var asm = ClassScoreSet.Of("asm+ce", Seed([0.8, 0.3, 0.5]), Seed([0.9, 0.2, 0.6]), Seed([1.0, 0.1, 0.7]));
        var deltas = ClassDeltas.Of(ce, [ce, asm], ClassMetric.Iou);

        var (row, values) = Assert.Single(deltas.Rows); // the baseline is not compared with itself
        Assert.Equal("asm+ce", row.Label);
        Assert.Equal(0.3, values[0].Delta!.Value, 12);
        Assert.Equal(Math.Sqrt(0.01 / 3 + 0.02 / 2), values[0].StandardError!.Value, 12);
        Assert.Equal((3, 2), (values[0].Seeds, values[0].BaselineSeeds));
        Assert.Null(values[1].Delta);
        Assert.Null(values[1].StandardError);
        Assert.Equal(0.2, values[2].Delta!.Value, 12);
        Assert.Null(values[2].StandardError);
        Assert.Equal((3, 1), (values[2].Seeds, values[2].BaselineSeeds));

        string table = deltas.MarkdownTable();
        Assert.Contains("| a | 0.600 | +0.300 ± 0.115 |", table);
        Assert.Contains("| b | – | – |", table);
        Assert.Contains("| c | 0.400 | +0.200 |", table);
    }

    [Fact]
    public void Boundary_f_deltas_read_boundary_f_and_one_seed_each_has_no_error_bar()
    {
        var ce = ClassScoreSet.Of("ce", Seed([0.5, 0.5, 0.5], [0.2, 0.4, 0.6]));
        var weighted = ClassScoreSet.Of("ce_weighted", Seed([0.9, 0.9, 0.9], [0.3, 0.3, 0.3]));
        var deltas = ClassDeltas.Of(ce, [weighted], ClassMetric.BoundaryF);
        Assert.Equal([0.1, -0.1, -0.3], deltas.Rows[0].Deltas.Select(d => Math.Round(d.Delta!.Value, 12)));
        Assert.All(deltas.Rows[0].Deltas, d => Assert.Null(d.StandardError));
        Assert.Equal("class-boundary-f-delta.png", deltas.FileName);

        using var figure = JsonDocument.Parse(GenericChart.toFigureJson(deltas.Chart()));
        var trace = figure.RootElement.GetProperty("data")[0];
        // The legend reads "ce, weighted", never the folder's name; one seed has no whiskers at all.
        Assert.Equal("ce, weighted (1 seed)", trace.GetProperty("name").GetString());
        Assert.False(trace.TryGetProperty("error_y", out _));
        Assert.Equal(["a", "b", "c"], trace.GetProperty("x").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public void A_class_without_a_delta_has_no_bar_and_a_class_without_an_error_has_no_whisker()
    {
        var ce = ClassScoreSet.Of("ce", Seed([0.5, null, 0.4]), Seed([0.7, null, null]));
        var asm = ClassScoreSet.Of("asm+ce", Seed([0.8, 0.3, 0.5]), Seed([0.9, 0.2, 0.6]));
        using var figure = JsonDocument.Parse(GenericChart.toFigureJson(ClassDeltas.Of(ce, [asm], ClassMetric.Iou).Chart()));
        var trace = figure.RootElement.GetProperty("data")[0];
        var y = trace.GetProperty("y").EnumerateArray().ToList();
        Assert.Equal(0.25, y[0].GetDouble(), 12);
        Assert.Equal(JsonValueKind.Null, y[1].ValueKind);
        Assert.Equal(0.15, y[2].GetDouble(), 12);
        var errors = trace.GetProperty("error_y").GetProperty("array").EnumerateArray().ToList();
        Assert.Equal(Math.Sqrt(0.005 / 2 + 0.02 / 2), errors[0].GetDouble(), 12);
        Assert.Equal(JsonValueKind.Null, errors[1].ValueKind);
        Assert.Equal(JsonValueKind.Null, errors[2].ValueKind); // c: one baseline seed
    }

    [Fact]
    public void Confusion_is_summed_over_seeds_before_each_true_class_is_normalised()
    {
        // Class a: seed 0 all 1 pixel right, seed 1 1 right and 3 as b. Summed: 2 right, 3 as b → 0.4 / 0.6. (Averaging
        // each seed's shares would give 0.625 / 0.375.) Class c has no truth pixels: a row of nulls, not of zeros.
        var row = ClassScoreSet.Of("ce", Seed([1, 1, null], confusion: [[1, 0, 0], [0, 2, 0], [0, 0, 0]]),
                                         Seed([1, 1, null], confusion: [[1, 3, 0], [0, 1, 1], [0, 0, 0]]));
        var shares = ConfusionComparison.Shares(row);
        Assert.Equal([0.4, 0.6, 0.0], shares[0]);
        Assert.Equal([0.0, 0.75, 0.25], shares[1]);
        Assert.Equal([null, null, null], shares[2]);
        foreach (var counted in shares.Take(2)) Assert.Equal(1.0, counted.Sum()!.Value, 12);
    }

    [Fact]
    public void The_two_matrices_share_one_colour_scale_and_name_the_classes_on_both_axes()
    {
        var ce = ClassScoreSet.Of("ce", Seed([1, 1, 1]));
        var asm = ClassScoreSet.Of("asm+ce_weighted", Seed([1, 1, 1], confusion: [[2, 0, 0], [1, 1, 0], [0, 0, 1]]));
        var comparison = ConfusionComparison.Of(ce, asm);
        Assert.Equal("confusion-ce-vs-asm+ce_weighted.png", comparison.FileName);
        using var figure = JsonDocument.Parse(GenericChart.toFigureJson(comparison.Chart()));
        var traces = figure.RootElement.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(2, traces.Count);
        foreach (var trace in traces)
        {
            Assert.Equal("heatmap", trace.GetProperty("type").GetString());
            Assert.Equal((0.0, 1.0), (trace.GetProperty("zmin").GetDouble(), trace.GetProperty("zmax").GetDouble()));
            Assert.Equal(["a", "b", "c"], trace.GetProperty("x").EnumerateArray().Select(v => v.GetString()));
            Assert.Equal(["a", "b", "c"], trace.GetProperty("y").EnumerateArray().Select(v => v.GetString()));
            Assert.Contains("%{z", trace.GetProperty("texttemplate").GetString());
        }
        Assert.False(traces[0].GetProperty("showscale").GetBoolean()); // one colour bar for both
        Assert.Equal(("x2", "y2"), (traces[1].GetProperty("xaxis").GetString(), traces[1].GetProperty("yaxis").GetString()));
        Assert.Equal(0.5, traces[1].GetProperty("z")[1][0].GetDouble(), 12);
        var layout = figure.RootElement.GetProperty("layout");
        Assert.Equal("reversed", layout.GetProperty("yaxis").GetProperty("autorange").GetString());
        Assert.Equal("reversed", layout.GetProperty("yaxis2").GetProperty("autorange").GetString());
        Assert.Contains(layout.GetProperty("annotations").EnumerateArray(), a => a.GetProperty("text").GetString() == "asm+ce, weighted (1 seed)");
        Assert.Contains("| b | 1.000 | – | 0.500 | a 0.500 |", comparison.MarkdownTable());
        Assert.Throws<ArgumentException>(() => ConfusionComparison.Of(ce, ClassScoreSet.Of("other", ClassScores4())));
    }

    private static ClassScores ClassScores4() =>
        new(["a", "b", "c", "d"], [1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1], [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]], [], 0);

    [Theory]
    [InlineData("ce_weighted", "ce, weighted")]
    [InlineData("asm+ce_weighted", "asm+ce, weighted")]
    [InlineData("asm+bce_asm.margin=0.4", "asm+bce, asm.margin=0.4")]
    [InlineData("second-stage/bce", "second-stage / bce")]
    [InlineData("ce", "ce")]
    public void Rows_are_shown_readably(string row, string shown) => Assert.Equal(shown, RowLabels.Display(row));

    [Fact]
    public void Rows_come_in_the_kits_method_order_a_methods_plain_row_first()
    {
        Assert.Equal(["ce", "ce_weighted", "asm", "asm+ce", "asm+ce_weighted", "ce+lovasz", "ce+aaf"],
            RowLabels.InTableOrder(["ce+aaf", "asm+ce_weighted", "ce+lovasz", "asm", "ce_weighted", "asm+ce", "ce"]));
    }

    [Theory]
    [InlineData("runs/study/ce_weighted-seed0/checkpoint", "ce", "ce_weighted")]
    [InlineData("runs/study/asm+ce-seed2", "asm+ce", "asm+ce")]
    [InlineData("runs/camvid-pilot/asm+ce/seed0", "asm+ce", "asm+ce")]
    [InlineData("runs/tmp/run", "ce", "ce")]
    [InlineData("runs/study/asm+ce-seed0", "ce", "ce")] // a folder that names another method is not believed
    public void A_checkpoint_is_named_by_its_run_folder_when_that_names_its_method(string folder, string method, string row) =>
        Assert.Equal(row, RowLabels.OfCheckpoint(folder, method));

    [Fact]
    public void The_picker_takes_the_images_where_the_predictors_disagree_most_largest_first()
    {
        // Four 2×2 images, all truth [0, 1, 2, 255]. Predictor "same" is right everywhere; "other" is right on image 0,
        // wrong on one pixel of image 1, on two of image 3 and on all three of image 2.
        byte[] truth = [0, 1, 2, 255];
        var samples = Enumerable.Range(0, 4).Select(i => new SegmentationSample($"img{i}", new float[12], truth.Select(v => (float)v).ToArray(), 2, 2,
            new LabelMask(2, 2, truth))).ToList();
        byte[][] other = [[0, 1, 2, 0], [0, 1, 1, 0], [1, 2, 0, 0], [1, 0, 2, 0]];
        var predictors = new Dictionary<string, byte[][]> { ["same"] = [truth, truth, truth, truth], ["other"] = other };

        var picks = PredictionPick.MostDifferent(samples, predictors, ClassRecordFiles.Task, 2);
        Assert.Equal(["img2", "img3"], picks.Select(p => p.Image));
        Assert.Equal([1.0, 0.0], picks[0].MeanIou);
        // Image 3: a→b and b→a, c right: IoU a 0/2, b 0/2, c 1 → mIoU 1/3; two of three counted pixels wrong.
        Assert.Equal(1.0 / 3, picks[1].MeanIou[1], 12);
        Assert.Equal(1.0 / 3, picks[1].PixelAccuracy[1], 12);
        Assert.Equal(1.0 - 1.0 / 3, picks[1].Spread, 12);
        Assert.Equal(4, PredictionPick.MostDifferent(samples, predictors, ClassRecordFiles.Task, 10).Count);
    }

    [Fact]
    public void Per_epoch_curves_of_a_holdout_pilot_say_so_and_read_a_sweeps_folders()
    {
        string pilot = Path.Combine(_dir, "pilot");
        ClassRecordFiles.Write(pilot, "asm+ce", 0, Seed([0.5, 0.5, 0.5]), [0.1, 0.3, 0.45], holdout: 0.2, sweepLayout: true);
        ClassRecordFiles.Write(pilot, "ce", 0, Seed([0.5, 0.5, 0.5]), [0.2, 0.4, 0.35], holdout: 0.2, sweepLayout: true);
        ClassRecordFiles.Write(pilot, "ce", 1, Seed([0.5, 0.5, 0.5]), [0.9, 0.9, 0.9], holdout: 0.2, sweepLayout: true);

        var curves = EpochCurves.Read(pilot, null, seed: 0);
        Assert.Equal(["ce", "asm+ce"], curves.Series.Select(s => s.Name)); // method order, seed 1 left out
        Assert.Equal([0.2, 0.4, 0.35], curves.Series[0].Y);
        Assert.True(curves.IsHoldout);
        Assert.Equal("holdout-miou-per-epoch.png", curves.FileName);
        string caption = curves.Caption(pilot);
        Assert.Contains("held-out training images", caption);
        Assert.Contains("not the test split", caption);
        Assert.Contains("ce 0.350 (best 0.400, epoch 2)", caption);

        using var figure = JsonDocument.Parse(GenericChart.toFigureJson(curves.Chart()));
        var layout = figure.RootElement.GetProperty("layout");
        Assert.Contains("Holdout mIoU", layout.GetProperty("title").GetProperty("text").GetString());
        // From 0 to the next tenth above the highest score (0.45 + 0.02 → 0.5).
        Assert.Equal([0.0, 0.5], layout.GetProperty("yaxis").GetProperty("range").EnumerateArray().Select(v => v.GetDouble()));
    }

    [Fact]
    public void Curves_of_a_holdout_and_of_a_test_split_are_not_drawn_on_one_chart()
    {
        ClassRecordFiles.Write(_dir, "ce", 0, Seed([0.5, 0.5, 0.5]), [0.2, 0.4], holdout: 0.2);
        ClassRecordFiles.Write(_dir, "asm+ce", 0, Seed([0.5, 0.5, 0.5]), [0.2, 0.4]);
        var refused = Assert.Throws<DataException>(() => EpochCurves.Read(_dir, null));
        Assert.Contains("ce were scored on a holdout", refused.Message);
        Assert.Equal("test-miou-per-epoch.png", EpochCurves.Read(_dir, ["asm+ce"]).FileName);
    }
}
