using System.Text.Json;
using System.Text.RegularExpressions;
using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Metrics;
using Asm.Research.Metrics.Classes;
using Asm.Research.Reports;
using Asm.Research.Tests.Training;
using Asm.Research.Training;
using Asm.Research.Visuals;
using Plotly.NET;
using SixLabors.ImageSharp.PixelFormats;

namespace Asm.Research.Tests.Visuals;

/// <summary>The multi-class pictures and page sections, on hand-made numbers whose right answer is known.</summary>
public sealed class ClassVisualsTests
{
    private static readonly string[] Names = ["a", "b", "c"];

    private static ClassScores Scores(long[][] confusion, double?[]? iou = null, params ConfusionPairScore[] pairs) =>
        new(Names, iou ?? [0.5, null, 0.75], [0.6, null, 0.75], [0.4, null, 0.9], confusion, pairs, 0.3);

    [Fact]
    public void Heat_map_rows_are_shares_of_each_true_class_and_an_empty_row_is_blank()
    {
        // Class a: 6 right, 2 as b, 2 as c; class b: no pixels; class c: 1 as a, 3 right.
        long[][] confusion = [[6, 2, 2], [0, 0, 0], [1, 0, 3]];
        using var figure = JsonDocument.Parse(GenericChart.toFigureJson(ConfusionHeatmap.Chart(confusion, Names)));
        var trace = figure.RootElement.GetProperty("data")[0];
        Assert.Equal("heatmap", trace.GetProperty("type").GetString());
        var z = trace.GetProperty("z").EnumerateArray()
            .Select(row => row.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToArray()).ToArray();
        Assert.Equal([0.6, 0.2, 0.2], z[0]);
        Assert.Equal([null, null, null], z[1]); // no truth pixels: nothing to divide, not 0
        Assert.Equal([0.25, 0.0, 0.75], z[2]);
        Assert.Equal(Names, trace.GetProperty("x").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(Names, trace.GetProperty("y").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("reversed", figure.RootElement.GetProperty("layout").GetProperty("yaxis").GetProperty("autorange").GetString());
        Assert.Throws<ArgumentException>(() => ConfusionHeatmap.RowShares([[1, 2], [3]]));
    }

    [Fact]
    public void Seeds_of_a_setting_pool_their_confusion_and_average_only_where_a_class_is_present()
    {
        var set = ClassScoreSet.Of("ce", Scores([[1, 0, 0], [0, 0, 0], [0, 0, 1]], [0.5, null, 1.0]),
                                         Scores([[3, 0, 0], [0, 0, 0], [0, 1, 1]], [0.7, null, 0.5]));
        Assert.Equal([4L, 0, 0], set.Confusion()[0]);
        Assert.Equal([0L, 1, 2], set.Confusion()[2]);
        var iou = set.Mean(ClassMetric.Iou);
        Assert.Equal(0.6, iou[0]!.Value, 12);
        Assert.Null(iou[1]);
        Assert.Equal(0.75, iou[2]!.Value, 12);
    }

    [Fact]
    public void Table_rows_give_mean_and_sample_std_over_seeds_and_leave_an_absent_class_out()
    {
        var set = ClassScoreSet.Of("ce",
            Scores([[1, 0, 0], [0, 0, 0], [0, 0, 1]], [0.5, null, 1.0], new ConfusionPairScore("a", "c", 0.1, null)),
            Scores([[3, 0, 0], [0, 0, 0], [0, 1, 1]], [0.7, null, 0.5], new ConfusionPairScore("a", "c", 0.3, 0.2)));
        var iou = set.Row(ClassMetric.Iou);
        Assert.Equal(2, iou.Runs);
        Assert.Equal(["a", "c"], iou.Mean.Keys); // b has no IoU in either seed: no cell, not 0
        Assert.Equal(0.6, iou.Mean["a"], 12);
        Assert.Equal(Math.Sqrt(0.02), iou.Std!["a"], 12);
        Assert.Equal(0.75, iou.Mean["c"], 12);

        var pairs = set.PairRow();
        Assert.Equal(["a→c", "c→a", "off-diagonal"], pairs.Mean.Keys);
        Assert.Equal(0.2, pairs.Mean["a→c"], 12);
        Assert.Equal(0.2, pairs.Mean["c→a"], 12); // only the seed where c has truth pixels
        Assert.Equal(0.3, pairs.Mean["off-diagonal"], 12);
        Assert.Equal(0.0, pairs.Std!["off-diagonal"], 12);
    }

    [Fact]
    public void Per_class_bars_leave_a_gap_for_an_absent_class()
    {
        var sets = new[] { ClassScoreSet.Of("ce", Scores([[1, 0, 0], [0, 0, 0], [0, 0, 1]])), ClassScoreSet.Of("asm", Scores([[1, 0, 0], [0, 0, 0], [0, 0, 1]], [0.4, null, 0.8])) };
        string json = GenericChart.toFigureJson(ClassBars.Chart(sets));
        Assert.Contains("\"y\":[0.5,null,0.75]", json);
        Assert.Contains("\"y\":[0.4,null,0.8]", json);
        Assert.Contains("\"barmode\":\"group\"", json);
        string table = ClassScoresTable.ToHtml(sets, Tasks.FiveClasses with { Classes = Tasks.FiveClasses.Classes[..3] });
        Assert.Contains("background:#FF0000", table); // class a's swatch
        Assert.Contains("<b>0.500</b>", table);        // best IoU of class a
        Assert.Contains("–", table);                   // class b: absent, not 0
        Assert.DoesNotContain("0.000", table);
    }

    [Fact]
    public void Error_map_whitens_right_pixels_and_paints_wrong_ones_in_the_predicted_class()
    {
        var task = Tasks.FiveClasses; // a red, b green, c blue, d yellow, e cyan
        byte[] truth = [0, 1, 255, 3];
        byte[] predicted = [0, 2, 1, 3];
        using var image = LabelMapImages.Errors(predicted, truth, 2, 2, task).Decode();
        Assert.Equal(new Rgb24(255, 255, 255), image[0, 0]); // right (red class): white
        Assert.Equal(new Rgb24(0, 0, 255), image[1, 0]);    // truth b, predicted c: c's blue, not b's green
        Assert.Equal(new Rgb24(0, 0, 0), image[0, 1]);      // void truth: black whatever was predicted
        Assert.Equal(new Rgb24(255, 255, 255), image[1, 1]); // right (yellow class): white
    }

    [Fact]
    public void Per_image_miou_averages_the_classes_in_truth_or_prediction_and_skips_void()
    {
        byte[] truth = [0, 0, 1, 1, 255, 255];
        byte[] predicted = [0, 1, 1, 1, 2, 0];
        // a: 1 / 2, b: 2 / 3; c only under void: not present; mean = (0.5 + 0.6667) / 2.
        Assert.Equal((0.5 + 2.0 / 3) / 2, LabelPredictionViews.MeanIou(predicted, truth, 5), 12);
        Assert.Equal(0.75, LabelPredictionViews.PixelAccuracy(predicted, truth), 12);
        Assert.True(double.IsNaN(LabelPredictionViews.MeanIou([0, 1], [255, 255], 5)));
    }

    [Fact]
    public void Worst_images_come_first_and_the_gallery_carries_the_legend()
    {
        var samples = MultiClassData.Make(0, 3, 8, 10).Test;
        var truths = samples.Select(LabelPredictionViews.Truth).ToList();
        // Image 0 perfect, image 1 all class e (wrong almost everywhere), image 2 half right.
        var predicted = new[]
        {
            truths[0].Select(t => t == 255 ? (byte)0 : t).ToArray(),
            truths[1].Select(_ => (byte)4).ToArray(),
            truths[2].Select((t, i) => i % 2 == 0 && t != 255 ? t : (byte)((t + 1) % 5)).ToArray(),
        };
        Assert.Equal([1, 2, 0], LabelPredictionViews.Worst(samples, predicted, Tasks.FiveClasses, 3));
        var gallery = LabelPredictionViews.Rows(samples, predicted, [1], Tasks.FiveClasses, "ce");
        Assert.Equal(4, gallery.Tiles.Count);
        string html = gallery.ToHtml();
        Assert.Contains("background:#00FFFF", html); // the legend's swatch of class e
        Assert.Contains("mIoU 0.", html);
    }

    [Fact]
    public void A_multi_class_report_shows_per_class_sections_and_both_predictors_on_the_same_images()
    {
        var data = MultiClassData.Make(0, 3, 8, 10);
        var task = Tasks.FiveClasses;
        var truths = data.Test.Select(LabelPredictionViews.Truth).ToList();
        long[][] confusion = Enumerable.Range(0, 5).Select(t => Enumerable.Range(0, 5).Select(p => t == p ? 10L : t + p == 1 ? 5L : 0L).ToArray()).ToArray();
        RunResult Run(string method, int seed) => new()
        {
            Method = method, Seed = seed, Epochs = 1, Size = new ImageSize(8, 10), Data = data.Description,
            Config = ExperimentConfig.ForMethod(method).WithTask(task),
            Test = Score(), TestOriginal = Score(),
        };
        SegmentationScores Score() => new(3, null, null, 0.6, 0.7, 0.5, null)
        {
            MeanClassAcc = 0.65, FwIou = 0.62,
            Classes = new ClassScores(["a", "b", "c", "d", "e"], [0.5, 0.5, 1, 1, 1], [0.67, 0.67, 1, 1, 1], [0.4, 0.4, 0.9, 0.9, null], confusion,
                [new ConfusionPairScore("a", "b", 5.0 / 15, 5.0 / 15)], 0.18),
        };
        var predictions = TestPredictions.OfLabels(data.Test, task, new Dictionary<string, byte[][]>
        {
            ["ce seed 0"] = truths.Select(t => t.Select(v => v == 255 ? (byte)0 : v).ToArray()).ToArray(),
            ["asm+ce seed 0"] = truths.Select(t => t.Select(_ => (byte)2).ToArray()).ToArray(),
        });
        var runs = new[] { new ReportedRun("ce", Run("ce", 0), new TrainingHistory()), new ReportedRun("asm+ce", Run("asm+ce", 0), new TrainingHistory()) };
        string html = RunReport.Build("five", runs, predictions, imageCount: 2).ToHtml();

        Assert.Contains("<h2>Per class</h2>", html);
        Assert.Contains("asm-class-table", html);
        Assert.Contains("\"type\":\"heatmap\"", html);
        Assert.Contains("a ↔ b", html);
        Assert.Contains("0.333", html); // a predicted as b
        Assert.Contains("per-image mIoU", html);
        Assert.Contains("ce seed 0: mIoU 1.000", html);
        // 2 images × (image, truth, 2 × (prediction, error map)).
        Assert.Equal(2 * 6, Regex.Count(html, "<img "));
        // Score bars, IoU and boundary F per class, one heat map per setting.
        Assert.Equal(5, Regex.Count(html, "class=\"asm-plotly\""));
        Assert.Contains("task</", html);
    }
}
