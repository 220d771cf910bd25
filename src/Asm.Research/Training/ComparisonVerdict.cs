using System.Globalization;

namespace Asm.Research.Training;

/// <summary>
/// The one line that says what a comparison shows: the best setting by boundary F (model resolution),
/// its lead over the next best, and whether their seeds' values overlap. The terminal table and the
/// HTML report both end with it.
/// </summary>
public static class ComparisonVerdict
{
    /// <summary>One setting's boundary F over its seeds: mean, sample std and the lowest and highest seed.</summary>
    public sealed record Setting(string Label, int Runs, double Mean, double Std, double Low, double High)
    {
        /// <summary>The setting of <paramref name="runs"/> (seeds of one method or setting).</summary>
        public static Setting Of(string label, IReadOnlyList<RunResult> runs)
        {
            var values = runs.Select(r => r.Test.BoundaryF).ToList();
            var stats = Metrics.MeanStd.Of(values);
            return new Setting(label, values.Count, stats.Mean, stats.Std, values.Min(), values.Max());
        }

        /// <summary>"mean ± std" with two or more seeds, the mean alone with one (a single seed has no spread).</summary>
        public string Formatted => Runs > 1
            ? string.Create(CultureInfo.InvariantCulture, $"{Mean:0.000} ± {Std:0.000}")
            : string.Create(CultureInfo.InvariantCulture, $"{Mean:0.000}");
    }

    /// <summary>The line; <paramref name="spreadName"/> names what is compared for overlap (e.g. "the seeds' ranges").</summary>
    public static string Line(IReadOnlyList<Setting> settings, string spreadName = "the seeds' ranges")
    {
        if (settings.Count == 0) return "No runs.";
        var ranked = settings.OrderByDescending(s => s.Mean).ToList();
        var best = ranked[0];
        if (ranked.Count == 1)
            return $"One setting only: {best.Label}, boundary F {best.Formatted}; nothing to compare it with.";
        var next = ranked[1];
        string head = string.Create(CultureInfo.InvariantCulture,
            $"Best on boundary F: {best.Label}, {best.Formatted} against {next.Formatted} for {next.Label} (next best), {best.Mean - next.Mean:+0.000;-0.000}");
        if (best.Runs < 2 && next.Runs < 2)
            return head + "; one seed each, so no spread to judge the difference by.";
        string ranges = string.Create(CultureInfo.InvariantCulture,
            $"{best.Label} {best.Low:0.000}–{best.High:0.000}, {next.Label} {next.Low:0.000}–{next.High:0.000}");
        return head + (best.Low <= next.High
            ? $"; {spreadName} overlap ({ranges}): the difference is within the seed spread."
            : $"; {spreadName} do not overlap ({ranges}).");
    }
}
