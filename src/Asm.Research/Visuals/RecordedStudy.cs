using System.Globalization;
using System.Text;
using Asm.Research.Reports;
using Asm.Research.Training;

namespace Asm.Research.Visuals;

/// <summary>
/// A study's records as far as they exist: the rows it plans (record labels as <see cref="RunRecords.Read"/> gives
/// them, e.g. folders <c>ce-seed0</c>, <c>ce-seed1</c> → row "ce"), which rows have records and with which seeds, and
/// those records in row order. A missing folder, a row without records and a row with fewer seeds than planned are
/// states to report, not errors. Records under other labels (a <c>pilot/</c> sub-folder, say) are named in
/// <see cref="Others"/> and left out of everything else.
/// </summary>
/// <param name="Folder">Where the records were looked for.</param>
/// <param name="Rows">The planned rows, in table order.</param>
/// <param name="Found">Every complete record under the folder, with its label and folder, in path order.</param>
public sealed record RecordedStudy(string Folder, IReadOnlyList<string> Rows, IReadOnlyList<(string Label, string Folder, RunResult Run)> Found)
{
    /// <summary>Reads the complete records under <paramref name="folder"/> (none when it does not exist).</summary>
    public static RecordedStudy Read(string folder, IReadOnlyList<string> rows) => new(folder, rows, RunRecords.ReadWithFolders(folder));

    /// <summary>The planned rows' records, in row order and, within a row, by seed: what tables and charts show.</summary>
    public IReadOnlyList<(string Label, RunResult Run)> Records =>
        Rows.SelectMany(row => Found.Where(r => r.Label == row).OrderBy(r => r.Run.Seed).Select(r => (r.Label, r.Run))).ToList();

    /// <summary>The planned rows with at least one record.</summary>
    public IReadOnlyList<string> Present => Rows.Where(row => Found.Any(r => r.Label == row)).ToList();

    /// <summary>The planned rows without any record yet.</summary>
    public IReadOnlyList<string> Missing => Rows.Where(row => Found.All(r => r.Label != row)).ToList();

    /// <summary>Labels of records under the folder that are none of the rows, in first-seen order.</summary>
    public IReadOnlyList<string> Others => Found.Select(r => r.Label).Where(label => !Rows.Contains(label)).Distinct().ToList();

    /// <summary>The seeds recorded for <paramref name="row"/>, ascending (a seed recorded twice is listed twice).</summary>
    public IReadOnlyList<int> Seeds(string row) => Found.Where(r => r.Label == row).Select(r => r.Run.Seed).Order().ToList();

    /// <summary>
    /// Which rows have records and with which seeds, one line each, and what else is there; for a missing or empty
    /// folder, one line that says so.
    /// </summary>
    public string Describe()
    {
        if (Found.Count == 0)
            return Directory.Exists(Folder) ? $"No complete records in {Folder} yet." : $"No records: {Folder} does not exist.";
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"{Found.Count} records in {Folder}:"));
        foreach (string row in Rows)
        {
            var seeds = Seeds(row);
            text.Append("\n  ").Append(row).Append(": ").Append(seeds.Count switch
            {
                0 => "no records yet",
                1 => $"seed {seeds[0]}",
                _ => $"seeds {string.Join(", ", seeds)}",
            });
        }
        var others = Others;
        if (others.Count > 0) text.Append("\n  not rows of this table: ").Append(string.Join(", ", others));
        return text.ToString();
    }

    /// <summary>
    /// The per-epoch history (its <c>epochs.json</c>) of each present row's record with <paramref name="seed"/>, for
    /// <see cref="TrainingViews.TestIouChart"/>; rows without such a record or file are left out.
    /// </summary>
    /// <exception cref="Data.DataException">An <c>epochs.json</c> is not a list of epoch records (names the file).</exception>
    public IReadOnlyList<(string Label, TrainingHistory History)> Histories(int seed = 0) =>
        Rows.Select(row => Found.FirstOrDefault(r => r.Label == row && r.Run.Seed == seed))
            .Where(r => r.Label is not null && File.Exists(Path.Combine(r.Folder, ExperimentRunner.EpochsFile)))
            .Select(r => (r.Label, new TrainingHistory { Epochs = ReportRecords.ReadEpochs(Path.Combine(r.Folder, ExperimentRunner.EpochsFile)) }))
            .ToList();
}
