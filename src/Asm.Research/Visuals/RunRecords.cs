using System.Text.Json;
using System.Text.RegularExpressions;
using Asm.Research.Training;

namespace Asm.Research.Visuals;

/// <summary>
/// Run records (<c>result.json</c> files written by <c>asm train</c>/<c>asm compare --out</c>) labelled for
/// tables and charts. A <see cref="RunResult"/> carries its method but not the settings it was run with,
/// so an ablation is told apart by where its record lies: the label is the record's folder relative to
/// the searched one, without the "-seedN" that compare appends (seeds of one setting share a label).
/// </summary>
public static partial class RunRecords
{
    /// <summary>
    /// Every run record under <paramref name="folder"/> (as <see cref="RunResult.ReadAll"/> finds
    /// them) with its label, e.g. <c>docs/results/margin-0.5/asm-seed1/result.json</c> → "margin-0.5/asm".
    /// A missing folder gives none.
    /// </summary>
    public static IReadOnlyList<(string Label, RunResult Run)> Read(string folder)
    {
        var results = new List<(string, RunResult)>();
        if (!Directory.Exists(folder)) return results;
        foreach (var file in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            RunResult? run;
            try
            {
                run = JsonSerializer.Deserialize<RunResult>(File.ReadAllText(file), RunResult.Json);
            }
            catch (JsonException)
            {
                continue; // not a run record, e.g. compare.json
            }
            if (run is not { Method: not null, Test: not null }) continue;
            string relative = Path.GetRelativePath(folder, Path.GetDirectoryName(file)!).Replace('\\', '/');
            string label = relative == "." ? run.Method : SeedSuffix().Replace(relative, "");
            results.Add((label, run));
        }
        return results;
    }

    [GeneratedRegex(@"-seed\d+$")]
    private static partial Regex SeedSuffix();
}
