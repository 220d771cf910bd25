using Asm.Research.Data;
using Asm.Research.Training;
using Asm.Research.Visuals;

namespace Asm.Research.Figures;

/// <summary>
/// Per-epoch test scores of recorded runs (<c>epochs.json</c> beside a run's <c>result.json</c>, as in docs/results):
/// the headline, foreground IoU for figure-ground runs and mIoU for multi-class ones.
/// </summary>
public static class EpochCurves
{
    /// <summary>The per-epoch history file's name in a record folder.</summary>
    public const string EpochsFile = ExperimentRunner.EpochsFile;

    /// <summary>
    /// For each method, the record folder <c>DIR/&lt;method&gt;-seed&lt;seed&gt;</c> (or <c>DIR/&lt;method&gt;/seed&lt;seed&gt;</c>,
    /// or <c>DIR/&lt;method&gt;</c>) and its per-epoch test IoU at model resolution, as a series named by the method.
    /// </summary>
    /// <exception cref="DataException">A method's record or its epochs.json is missing or unreadable; the message names the file.</exception>
    public static IReadOnlyList<Series> TestIou(string records, IReadOnlyList<string> methods, int seed = 0) => Read(records, methods, seed).Series;

    /// <summary>
    /// The per-epoch headline of <paramref name="rows"/> at <paramref name="seed"/> under <paramref name="records"/>
    /// (each row's folder <c>ROW-seedN</c>, a sweep's <c>ROW/seedN</c>, or <c>ROW</c>), or of every row with such a
    /// folder directly under it, in the kit's method order (<see cref="RowLabels.InTableOrder"/>), when
    /// <paramref name="rows"/> is null. Where the scores were taken (the test split or a holdout of the training split,
    /// <c>data.holdout</c>) comes from each record's config.
    /// </summary>
    /// <exception cref="DataException">
    /// No such rows, a row's epochs.json missing, unreadable or without test scores, or rows that cannot share a chart
    /// (figure-ground beside multi-class, a holdout beside a test split); the message names the file or the rows.
    /// </exception>
    public static EpochCurveSet Read(string records, IReadOnlyList<string>? rows, int seed = 0)
    {
        var chosen = rows ?? Rows(records, seed);
        if (chosen.Count == 0)
            throw new DataException($"{records}: no per-epoch record of seed {seed} (looked for <row>-seed{seed}/{EpochsFile} and <row>/seed{seed}/{EpochsFile})", records);
        var curves = chosen.Select(row => Curve(records, row, seed)).ToList();
        if (curves.Select(c => c.Last.Kind).Distinct().Count() > 1)
            throw new DataException($"{records}: {Names(curves, c => c.Last.Kind == Data.Tasks.TaskKinds.Binary)} are figure-ground, " +
                $"{Names(curves, c => c.Last.Kind != Data.Tasks.TaskKinds.Binary)} multi-class; one chart needs one kind of score", records);
        if (curves.Select(c => c.Holdout).Distinct().Count() > 1)
            throw new DataException($"{records}: {Names(curves, c => c.Holdout > 0)} were scored on a holdout of the training split, " +
                $"{Names(curves, c => c.Holdout == 0)} on the test split; one chart needs one split", records);
        return new EpochCurveSet(curves.Select(c => c.Series).ToList(), curves.Select(c => Path.GetRelativePath(records, c.Folder)).ToList(),
            curves[0].Last.Kind, curves[0].Holdout, curves[0].Last.N, seed);
    }

    /// <summary>The chart: one line per series, test IoU against the epoch.</summary>
    public static Plotly.NET.GenericChart Chart(IReadOnlyList<Series> series, string title) =>
        Charts.Lines(series, title, "epoch", "test IoU (model resolution)");

    private sealed record RowCurve(Series Series, string Folder, Metrics.SegmentationScores Last, double Holdout);

    private static RowCurve Curve(string records, string row, int seed)
    {
        string folder = Candidates(records, row, seed).FirstOrDefault(f => File.Exists(Path.Combine(f, EpochsFile)))
            ?? throw new DataException($"{Path.Combine(records, $"{row}-seed{seed}", EpochsFile)}: no per-epoch record of {row}, seed {seed}", records);
        string file = Path.Combine(folder, EpochsFile);
        var tested = Reports.ReportRecords.ReadEpochs(file).Where(e => e.Test is not null).ToList();
        if (tested.Count == 0) throw new DataException($"{file}: no epoch has test scores (was training.evaluateEveryEpoch off?)", file);
        // The split is the run's config's; a record without one (older than configs in records) was scored on the test split.
        var config = RunResult.TryRead(Path.Combine(folder, ExperimentRunner.ResultFile), out _)?.Config;
        return new RowCurve(Series.From(RowLabels.Display(row), tested.Select(e => ((double)e.Epoch, e.Test!.Headline))), folder,
            tested[^1].Test!, config?.Data.Holdout ?? 0);
    }

    private static IEnumerable<string> Candidates(string records, string row, int seed) =>
        [Path.Combine(records, $"{row}-seed{seed}"), Path.Combine(records, row, $"seed{seed}"), Path.Combine(records, row)];

    /// <summary>The rows with a per-epoch record of <paramref name="seed"/> directly under <paramref name="records"/> (<c>ROW-seedN/</c> or <c>ROW/seedN/</c>), in the kit's method order.</summary>
    public static IReadOnlyList<string> Rows(string records, int seed)
    {
        if (!Directory.Exists(records)) return [];
        string suffix = $"-seed{seed}";
        var rows = Directory.EnumerateDirectories(records).Select(Path.GetFileName).OfType<string>()
            .Select(name => name.EndsWith(suffix, StringComparison.Ordinal) && File.Exists(Path.Combine(records, name, EpochsFile)) ? name[..^suffix.Length]
                : File.Exists(Path.Combine(records, name, $"seed{seed}", EpochsFile)) ? name : null)
            .OfType<string>();
        return RowLabels.InTableOrder(rows);
    }

    private static string Names(IEnumerable<RowCurve> curves, Func<RowCurve, bool> which) =>
        string.Join(", ", curves.Where(which).Select(c => c.Series.Name));
}
