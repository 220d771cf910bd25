using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Training;
using Asm.Research.Visuals;

namespace Asm.Research.Figures;

/// <summary>Per-epoch test IoU of recorded runs (<c>epochs.json</c> beside a run's <c>result.json</c>, as in docs/results).</summary>
public static class EpochCurves
{
    /// <summary>The per-epoch history file's name in a record folder.</summary>
    public const string EpochsFile = ExperimentRunner.EpochsFile;

    /// <summary>
    /// For each method, the record folder <c>DIR/&lt;method&gt;-seed&lt;seed&gt;</c> (or <c>DIR/&lt;method&gt;</c>)
    /// and its per-epoch test IoU at model resolution, as a series named by the method.
    /// </summary>
    /// <exception cref="DataException">A method's record or its epochs.json is missing or unreadable; the message names the file.</exception>
    public static IReadOnlyList<Series> TestIou(string records, IReadOnlyList<string> methods, int seed = 0) =>
        methods.Select(method =>
        {
            string folder = new[] { $"{method}-seed{seed}", method }.Select(f => Path.Combine(records, f))
                .FirstOrDefault(f => File.Exists(Path.Combine(f, EpochsFile)))
                ?? throw new DataException($"{Path.Combine(records, $"{method}-seed{seed}", EpochsFile)}: no per-epoch record of {method}, seed {seed}", records);
            string file = Path.Combine(folder, EpochsFile);
            var epochs = Reports.ReportRecords.ReadEpochs(file);
            var tested = epochs.Where(e => e.Test is not null).ToList();
            if (tested.Count == 0) throw new DataException($"{file}: no epoch has test scores (was training.evaluateEveryEpoch off?)", file);
            return Series.From(method, tested.Select(e => ((double)e.Epoch, e.Test!.Headline)));
        }).ToList();

    /// <summary>The chart: one line per series, test IoU against the epoch.</summary>
    public static Plotly.NET.GenericChart Chart(IReadOnlyList<Series> series, string title) =>
        Charts.Lines(series, title, "epoch", "test IoU (model resolution)");
}
