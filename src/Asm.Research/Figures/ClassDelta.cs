using Asm.Research.Metrics;

namespace Asm.Research.Figures;

/// <summary>
/// One class's score in a row minus the baseline's: the mean over the row's seeds minus the mean over the baseline's,
/// with the standard error of that difference, √(sd_row²/n_row + sd_base²/n_base) (sample standard deviations, the
/// two rows' seeds taken as independent samples). Seeds where the class has no score (absent from truth and
/// prediction) are left out of both, as the per-class means leave them out.
/// </summary>
/// <param name="Delta">Row mean − baseline mean; null when either side has no seed with a score.</param>
/// <param name="StandardError">The difference's standard error; null unless both sides have two or more seeds (one seed has no spread to estimate).</param>
/// <param name="Seeds">The row's seeds with a score.</param>
/// <param name="BaselineSeeds">The baseline's seeds with a score.</param>
public sealed record ClassDelta(double? Delta, double? StandardError, int Seeds, int BaselineSeeds)
{
    /// <summary>The difference of one class's per-seed scores (null or non-finite entries are absent).</summary>
    public static ClassDelta Of(IEnumerable<double?> row, IEnumerable<double?> baseline)
    {
        var own = Present(row);
        var other = Present(baseline);
        if (own.Count == 0 || other.Count == 0) return new ClassDelta(null, null, own.Count, other.Count);
        var a = MeanStd.Of(own);
        var b = MeanStd.Of(other);
        double? error = own.Count > 1 && other.Count > 1 ? Math.Sqrt(a.Std * a.Std / a.Count + b.Std * b.Std / b.Count) : null;
        return new ClassDelta(a.Mean - b.Mean, error, own.Count, other.Count);
    }

    private static List<double> Present(IEnumerable<double?> values) => values.OfType<double>().Where(double.IsFinite).ToList();
}
