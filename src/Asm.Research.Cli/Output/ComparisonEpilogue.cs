using Asm.Research.Configuration;

namespace Asm.Research.Cli.Output;

/// <summary>
/// The lines after <c>asm compare</c>'s table: what a run on the kit's built-in data can and cannot show (with where
/// the real study is), and what was kept where, so a first run explains itself and can be reused.
/// </summary>
internal static class ComparisonEpilogue
{
    // The study's findings as docs/RESULTS.md states them (words, not numbers: the numbers live in the records there).
    private const string StudyFindings =
        "docs/RESULTS.md (Weizmann horses, 3 seeds × 40 epochs): asm+bce above bce beyond the seed spread, " +
        "asm alone below bce, bce+lovasz above both";

    /// <summary>For built-in data: one line saying this run checks that the methods train, and where the ranking is.</summary>
    public static string? OnBuiltInData(ExperimentConfig config, string dataDescription, bool builtIn, int seeds)
    {
        if (!builtIn) return null;
        string epochs = config.Training.Epochs == 1 ? "1 epoch" : $"{config.Training.Epochs} epochs";
        return $"What this shows: {epochs}, {(seeds == 1 ? "one seed" : $"{seeds} seeds")}, on {dataDescription}: enough to check " +
               $"that every method trains, not to rank them. The ranking is in {StudyFindings}.";
    }

    /// <summary>Where the runs were kept and the commands that reuse them.</summary>
    public static string Kept(string folder, string firstRun, string? report) =>
        $"kept in {Path.GetFullPath(folder)}: each run's checkpoint/ and result.json, compare.json" +
        (report is null ? "" : $" and {Path.GetFileName(report)}") +
        $". Reuse: asm predict --checkpoint {Path.Combine(folder, firstRun)} --input IMAGES --out MASKS; " +
        $"asm summarize --records {folder}";
}
