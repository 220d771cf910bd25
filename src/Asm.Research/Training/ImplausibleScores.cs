using System.Globalization;
using Asm.Research.Metrics;

namespace Asm.Research.Training;

/// <summary>
/// Values no run can have recorded (a score outside [0, 1], NaN or infinity, a negative time): such a record was
/// edited or damaged, and averaging it would print nonsense or fail to print (JSON has no infinity).
/// </summary>
public static class ImplausibleScores
{
    /// <summary>The first impossible value of <paramref name="run"/> as "key = value: why", or null when every value can be.</summary>
    public static string? Find(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        foreach (var (part, scores) in new[] { ("test", run.Test), ("test_original", run.TestOriginal) })
        {
            foreach (var field in SegmentationScores.Fields)
                if (field.Read(scores) is { } value && !IsScore(value))
                    return NotAScore($"{part}.{field.Key}", value);
            if (scores.Classes is { } classes)
            {
                foreach (var (name, values) in new[] { ("iou", classes.Iou), ("accuracy", classes.Accuracy), ("boundary_f", classes.BoundaryF) })
                    for (int c = 0; c < values.Length; c++)
                        if (values[c] is { } value && !IsScore(value))
                            return NotAScore($"{part}.classes.{name}[{c}]", value);
                if (!IsScore(classes.OffDiagonal)) return NotAScore($"{part}.classes.off_diagonal", classes.OffDiagonal);
            }
        }
        foreach (var (key, value) in new[] { ("train_seconds", run.TrainSeconds), ("images_per_second", run.ImagesPerSecond) })
            if (!(double.IsFinite(value) && value >= 0))
                return string.Create(CultureInfo.InvariantCulture, $"{key} = {value}: not a finite, non-negative number");
        return null;
    }

    // Written this way round so that NaN fails too.
    private static bool IsScore(double value) => value >= 0 && value <= 1;

    private static string NotAScore(string key, double value) =>
        string.Create(CultureInfo.InvariantCulture, $"{key} = {value}: not a score between 0 and 1");
}
