using System.Globalization;
using Asm.Research.Data.Tasks;
using Asm.Research.Visuals;
using Plotly.NET;

namespace Asm.Research.Figures;

/// <summary>
/// Several runs' headline score after every epoch (<see cref="EpochCurves.Read"/>), with what the score is and where it
/// was taken: foreground IoU or mIoU, on the test split or on images held out of the training split (<c>data.holdout</c>,
/// as the CamVid pilot chooses its training length without looking at the reported split). Titles, axis, file name
/// and caption say which, so that a holdout curve is never read as a test result.
/// </summary>
/// <param name="Series">One line per row, named for the legend, epochs along x.</param>
/// <param name="Folders">Each row's record folder, relative to the records folder.</param>
/// <param name="Kind">Figure-ground (IoU) or multi-class (mIoU).</param>
/// <param name="Holdout">The records' <c>data.holdout</c>: 0 for the test split, else the fraction of the training split held out.</param>
/// <param name="Images">Images scored after each epoch.</param>
/// <param name="Seed">The runs' seed.</param>
public sealed record EpochCurveSet(IReadOnlyList<Series> Series, IReadOnlyList<string> Folders, TaskKinds Kind, double Holdout, int Images, int Seed)
{
    /// <summary>The score's name: "IoU" (foreground) or "mIoU".</summary>
    public string Score => Kind == TaskKinds.Binary ? "IoU" : "mIoU";

    /// <summary>Whether the scores are on held-out training images rather than the test split.</summary>
    public bool IsHoldout => Holdout > 0;

    /// <summary>The chart's file name, by split and score: <c>test-iou-per-epoch.png</c>, <c>holdout-miou-per-epoch.png</c>, …</summary>
    public string FileName => $"{(IsHoldout ? "holdout" : "test")}-{Score.ToLowerInvariant()}-per-epoch.png";

    /// <summary>Where the scores were taken, in words, e.g. "held-out training images".</summary>
    public string ScoredOn => IsHoldout ? "held-out training images" : "test images";

    /// <summary>The chart: one line per row against the epoch, the y axis from 0.</summary>
    public GenericChart Chart()
    {
        // The y axis starts at 0 so that a curve's height reads as its score and charts of other runs compare by eye,
        // and stops at the next tenth above the data rather than at 1: CamVid's mIoU stays near 0.5, and on [0, 1]
        // the flattening that the pilot's rule reads (changes under 0.005) would be squeezed into the lower half.
        double top = Series.SelectMany(s => s.Y).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        string title = IsHoldout ? $"Holdout {Score} after each epoch ({ScoredOn}, seed {Seed})" : $"Test {Score} after each epoch (seed {Seed})";
        string axis = $"{(IsHoldout ? "holdout" : "test")} {Score} (model resolution)";
        return Charts.Lines(Series, title, "epoch", axis, (0, Math.Min(1, Math.Ceiling((top + 0.02) * 10) / 10)));
    }

    /// <summary>
    /// The caption: what was scored (naming the holdout and that it is not the test split), where the records are, and
    /// each row's last score and its best with the epoch of the best.
    /// </summary>
    public string Caption(string records)
    {
        string where = IsHoldout
            ? Invariant($"{Score} on {Images} held-out training images (data.holdout = {Holdout}: the last {Holdout:0%} of the training split, held out from training; not the test split)")
            : Invariant($"Test {Score} on {Images} test images");
        var finals = Series.Select(s =>
        {
            int best = Enumerable.Range(0, s.Y.Count).Where(i => double.IsFinite(s.Y[i])).DefaultIfEmpty(s.Y.Count - 1).MaxBy(i => s.Y[i]);
            return Invariant($"{s.Name} {s.Y[^1]:0.000} (best {s.Y[best]:0.000}, epoch {s.X[best]:0})");
        });
        return $"{where} at model resolution after every epoch, seed {Seed}, from `{EpochCurves.EpochsFile}` in " +
               string.Join(", ", Folders.Select(f => $"`{f}`")) + $" under `{records}`. Last epoch: {string.Join(", ", finals)}.";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
