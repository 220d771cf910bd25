using Asm.Research.Metrics;
using Asm.Research.Metrics.Classes;
using Asm.Research.Reports;
using Asm.Research.Training;

namespace Asm.Research.Tests.Reports;

/// <summary>The per-class and confusion-pair tables of a multi-class study: mean ± sample std over a setting's seeds.</summary>
public sealed class ClassTablesTests
{
    private static RunResult Run(int seed, double?[] iou, double?[] boundaryF, double roadAsPavement, double offDiagonal)
    {
        var classes = new ClassScores(["road", "pavement", "pole"], iou, iou, boundaryF, [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
            [new ConfusionPairScore("road", "pavement", roadAsPavement, null)], offDiagonal);
        var scores = new SegmentationScores(3, null, null, 0.5, 0.9, 0.4, null) { Classes = classes };
        return new RunResult { Method = "ce", Seed = seed, Test = scores, TestOriginal = scores, TrainSeconds = 1 };
    }

    private static RunGroup Group(string label, params RunResult[] runs) =>
        new(label, false, runs.Select((r, i) => ($"{label}-{i}", r)).ToList(), []);

    [Fact]
    public void Per_class_cells_are_the_mean_and_sample_std_over_seeds_and_a_dash_where_no_seed_has_the_score()
    {
        var ce = Group("ce", Run(0, [0.9, 0.5, null], [0.6, 0.4, null], 0.1, 0.2), Run(1, [0.7, 0.3, null], [0.8, 0.4, 0.2], 0.3, 0.4));
        var table = ClassTables.PerClass([ce], ClassTables.ClassScore.Iou);
        Assert.Equal(["method", "road", "pavement", "pole"], table.Headers);
        // road: mean 0.8, sample std sqrt(((0.1)² + (0.1)²) / 1) = 0.141; pole: no seed has an IoU.
        Assert.Equal(["ce", "0.800 ± 0.141", "0.400 ± 0.141", "–"], table.Rows[0]);

        var boundary = ClassTables.PerClass([ce], ClassTables.ClassScore.BoundaryF);
        // Only seed 1 has pole's boundary F: its value, marked as one of two.
        Assert.Equal("0.200 (1 of 2)", boundary.Rows[0][3]);
        Assert.Equal("0.700 ± 0.141", boundary.Rows[0][1]);
        Assert.StartsWith("| method | road | pavement | pole |\n|---|---|---|---|\n| ce | 0.800 ± 0.141 |", table.Markdown().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Confusion_pairs_give_both_directions_and_the_off_diagonal_share()
    {
        var one = Group("asm+ce", Run(0, [0.9, 0.5, 0.1], [0.6, 0.4, 0.1], 0.25, 0.125));
        var table = ClassTables.ConfusionPairs([one]);
        Assert.Equal(["method", "road → pavement", "pavement → road", "off-diagonal"], table.Headers);
        Assert.Equal(["asm+ce", "0.250", "–", "0.125"], table.Rows[0]);
    }

    [Fact]
    public void Figure_ground_records_and_mixed_class_lists_are_refused()
    {
        var binary = new SegmentationScores(3, 0.8, 0.8, 0.8, 0.9, 0.7, 0.5);
        var horse = Group("bce", new RunResult { Method = "bce", Seed = 0, Test = binary, TestOriginal = binary, TrainSeconds = 1 });
        Assert.Contains("multi-class", Assert.Throws<ArgumentException>(() => ClassTables.PerClass([horse], ClassTables.ClassScore.Iou)).Message);

        var ce = Run(0, [0.9, 0.5, 0.1], [0.6, 0.4, 0.1], 0.1, 0.2);
        var other = ce with { Test = ce.Test with { Classes = ce.Test.Classes! with { Classes = ["sky", "tree", "car"] } } };
        var mixed = new[] { Group("ce", ce), Group("x", other) };
        Assert.Contains("other classes", Assert.Throws<ArgumentException>(() => ClassTables.PerClass(mixed, ClassTables.ClassScore.Iou)).Message);
    }
}
