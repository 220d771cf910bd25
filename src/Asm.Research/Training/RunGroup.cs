namespace Asm.Research.Training;

/// <summary>
/// Records of one setting (config minus seed and run environment) pooled over seeds: see
/// <see cref="ComparisonSummary.ByConfig"/>.
/// </summary>
/// <param name="Label">A readable name: the sweep setting, else the method with the keys that set it apart.</param>
/// <param name="Legacy">True for records without a config, grouped by method, size, epochs and data instead.</param>
/// <param name="Members">The records, with their paths, in path order.</param>
/// <param name="Values">key → [mean, sample std] over the records (std 0 for one record).</param>
public sealed record RunGroup(string Label, bool Legacy, IReadOnlyList<(string Path, RunResult Run)> Members, Dictionary<string, double[]> Values)
{
    /// <summary>Number of records pooled.</summary>
    public int Runs => Members.Count;
    /// <summary>The method of the setting.</summary>
    public string Method => Members[0].Run.Method;
    /// <summary>The seeds pooled, in record order (a seed listed twice is two records of one seed).</summary>
    public IReadOnlyList<int> Seeds => Members.Select(m => m.Run.Seed).ToList();
    /// <summary>The distinct kit versions, CPU models and oneDNN ISAs of the records ("unknown" for legacy ones): pooling across them is worth a look.</summary>
    public IReadOnlyList<string> Environments => Members
        .Select(m => m.Run.Environment?.Summary ?? "unknown")
        .Distinct().ToList();
}
