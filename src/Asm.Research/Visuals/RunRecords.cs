using System.Text.RegularExpressions;
using Asm.Research.Sweeps;
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
    /// Every complete run record (<c>result.json</c>, links not followed: <see cref="RecordScan"/>) under
    /// <paramref name="folder"/> with its label, e.g. <c>docs/results/margin-0.5/asm-seed1/result.json</c>
    /// → "margin-0.5/asm", and a sweep's own <c>runs/pilot/ce/seed0/result.json</c> → "ce". Other JSON files beside
    /// them (an eval's output) are not records. A missing folder gives none.
    /// </summary>
    public static IReadOnlyList<(string Label, RunResult Run)> Read(string folder) =>
        ReadWithFolders(folder).Select(r => (r.Label, r.Run)).ToList();

    /// <summary>The records of <see cref="Read"/>, each with the folder that holds it (where its <c>epochs.json</c> lies).</summary>
    public static IReadOnlyList<(string Label, string Folder, RunResult Run)> ReadWithFolders(string folder) =>
        RecordScan.Of(folder).Records
            .OrderBy(r => r.Path, StringComparer.Ordinal)
            .Select(r =>
            {
                string recordFolder = Path.GetDirectoryName(r.Path)!;
                string relative = Path.GetRelativePath(folder, recordFolder).Replace('\\', '/');
                return (relative == "." ? r.Run.Method : SeedSuffix().Replace(relative, ""), recordFolder, r.Run);
            })
            .ToList();

    [GeneratedRegex(@"[-/]seed\d+$")]
    private static partial Regex SeedSuffix();
}
