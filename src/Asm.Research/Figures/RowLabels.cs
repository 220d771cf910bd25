using System.Text.RegularExpressions;
using Asm.Research.Training.Methods;

namespace Asm.Research.Figures;

/// <summary>
/// The rows of a study as figures name them. A row is a record folder without its seed (<see cref="Visuals.RunRecords"/>):
/// a method (<c>ce</c>), or a method and a named setting joined by "_" (<c>ce_weighted</c>, as
/// docs/study/collect-record.sh names a sweep setting's records). Legends show <c>ce_weighted</c> as "ce, weighted".
/// </summary>
public static partial class RowLabels
{
    /// <summary>A row as a legend shows it: "_" read as ", " and folders as " / " (<c>ce_weighted</c> → "ce, weighted").</summary>
    public static string Display(string row) =>
        string.Join(" / ", row.Split('/').Select(part => string.Join(", ", part.Split('_', StringSplitOptions.RemoveEmptyEntries))));

    /// <summary>The method a row was trained with: its last folder up to the first "_" (<c>asm+ce_weighted</c> → asm+ce).</summary>
    public static string Method(string row) => row.Split('/')[^1].Split('_')[0];

    /// <summary>Rows in the kit's method order (<see cref="MethodRegistry.Rank"/>), a method's plain row before its settings.</summary>
    public static IReadOnlyList<string> InTableOrder(IEnumerable<string> rows) =>
        rows.Distinct().OrderBy(r => MethodRegistry.Rank(Method(r))).ThenBy(r => r, StringComparer.Ordinal).ToList();

    /// <summary>
    /// The row of a checkpoint of <paramref name="method"/>: its run folder's name without "-seedN" (for a sweep's
    /// <c>ROW/seedN</c> folders, the folder above) when that names the method or one of its settings, else the method
    /// itself (a run folder called <c>tmp</c> tells a reader nothing).
    /// </summary>
    /// <param name="checkpoint">A run folder or its <c>checkpoint/</c> folder.</param>
    /// <param name="method">The method in the checkpoint's config.</param>
    public static string OfCheckpoint(string checkpoint, string method)
    {
        var folder = new DirectoryInfo(Path.TrimEndingDirectorySeparator(Path.GetFullPath(checkpoint)));
        if (folder.Name == Training.Output.OutputFolder.CheckpointName && folder.Parent is not null) folder = folder.Parent;
        string name = SeedSuffix().Replace(folder.Name, "");
        if (name.Length == 0 && folder.Parent is not null) name = folder.Parent.Name;
        return Method(name) == method ? name : method;
    }

    // "-seed3" after a row (compare's and collect-record.sh's folders), or a whole "seed3" (a sweep's).
    [GeneratedRegex(@"(^|-)seed\d+$")]
    private static partial Regex SeedSuffix();
}
