using Asm.Research.Configuration;
using Asm.Research.Data.Tasks;
using Asm.Research.Figures;
using Asm.Research.Metrics;
using Asm.Research.Metrics.Classes;
using Asm.Research.Training;

namespace Asm.Research.Tests.Figures;

/// <summary>Hand-made multi-class run records on disk (result.json and epochs.json), as asm train writes them, with known numbers.</summary>
internal static class ClassRecordFiles
{
    /// <summary>Three classes, void 255.</summary>
    public static SegmentationTask Task { get; } = SegmentationTask.MultiClass("three", [new("a", "#FF0000"), new("b", "#00FF00"), new("c", "#0000FF")], 255);

    /// <summary>One seed's class scores (accuracy left as IoU: no figure reads it).</summary>
    public static ClassScores Scores(double?[] iou, double?[] boundaryF, long[][] confusion) =>
        new(Task.ClassNames.ToArray(), iou, iou, boundaryF, confusion, [], 0);

    /// <summary>
    /// Writes <c>FOLDER/ROW-seedN/</c> (or, with <paramref name="sweepLayout"/>, a sweep's <c>FOLDER/ROW/seedN/</c>): a record of
    /// <paramref name="scores"/> and an epochs.json whose test mIoU follows <paramref name="epochMiou"/>.
    /// </summary>
    public static string Write(string folder, string row, int seed, ClassScores scores, double[] epochMiou, double holdout = 0, bool sweepLayout = false)
    {
        string method = RowLabels.Method(row);
        var config = ExperimentConfig.ForMethod(method).WithTask(Task);
        config = config with { Data = config.Data with { Holdout = holdout } };
        double miou = scores.Iou.OfType<double>().Average();
        var test = new SegmentationScores(8, null, null, miou, 0.9, 0.5, null) { MeanClassAcc = 0.8, FwIou = 0.8, Classes = scores };
        var record = new RunResult
        {
            Method = method, Seed = seed, Test = test, TestOriginal = test, Epochs = epochMiou.Length, Size = new ImageSize(8, 12),
            Data = "hand-made", Config = config,
        };
        string path = sweepLayout ? Path.Combine(folder, row, $"seed{seed}") : Path.Combine(folder, $"{row}-seed{seed}");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, ExperimentRunner.ResultFile), ConfigJson.Serialize(record));
        var epochs = epochMiou.Select((m, i) => new EpochRecord(i + 1, 10L * (i + 1), 1, 8, new Dictionary<string, double> { ["ce"] = 1.0 / (i + 1) },
            new SegmentationScores(8, null, null, m, 0.9, 0.5, null) { Classes = scores })).ToList();
        File.WriteAllText(Path.Combine(path, ExperimentRunner.EpochsFile), ConfigJson.Serialize(epochs));
        return path;
    }
}
