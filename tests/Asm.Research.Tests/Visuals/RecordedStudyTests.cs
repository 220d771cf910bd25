using Asm.Research.Tests.Notebooks;
using Asm.Research.Visuals;

namespace Asm.Research.Tests.Visuals;

/// <summary>
/// A study read while it runs: the fixture (notebook 06's stand-in for docs/results/camvid) holds ce and asm+ce with
/// seeds 0 and 1, ce+lovasz with seed 0 only, and a pilot sub-folder; the other rows have no records.
/// </summary>
public sealed class RecordedStudyTests
{
    private static readonly string[] Rows = ["ce", "ce_weighted", "asm+ce", "asm+ce_weighted", "ce+lovasz", "asm", "ce+aaf"];
    private static string Fixture => Path.Combine(RepoPaths.Fixtures, "study-records");

    [Fact]
    public void A_partial_study_names_its_rows_with_their_seeds_and_the_rows_still_missing()
    {
        var study = RecordedStudy.Read(Fixture, Rows);
        Assert.Equal(["ce", "asm+ce", "ce+lovasz"], study.Present);
        Assert.Equal(["ce_weighted", "asm+ce_weighted", "asm", "ce+aaf"], study.Missing);
        Assert.Equal([0, 1], study.Seeds("asm+ce"));
        Assert.Equal(["pilot/asm+ce", "pilot/ce"], study.Others);
        // The records in row order, seeds in order within a row; the pilot's are not among them.
        Assert.Equal(["ce 0", "ce 1", "asm+ce 0", "asm+ce 1", "ce+lovasz 0"], study.Records.Select(r => $"{r.Label} {r.Run.Seed}"));
        string text = study.Describe();
        Assert.Contains("\n  ce: seeds 0, 1", text);
        Assert.Contains("\n  ce+lovasz: seed 0", text);
        Assert.Contains("\n  asm: no records yet", text);
        Assert.Contains("not rows of this table: pilot/asm+ce, pilot/ce", text);
    }

    [Fact]
    public void Histories_come_from_each_rows_epochs_file_for_the_seed_asked()
    {
        var study = RecordedStudy.Read(Fixture, Rows);
        var histories = study.Histories(seed: 0);
        // ce+lovasz's record has no epochs.json beside it; no row has one for seed 1.
        Assert.Equal(["ce", "asm+ce"], histories.Select(h => h.Label));
        Assert.Equal(6, histories[0].History.CompletedEpochs);
        Assert.All(histories[0].History.Epochs, e => Assert.InRange(e.Test!.Headline, 0, 1));
        Assert.Empty(study.Histories(seed: 1));
        Assert.Equal(["ce", "asm+ce"], RecordedStudy.Read(Path.Combine(Fixture, "pilot"), ["ce", "asm+ce"]).Histories().Select(h => h.Label));
    }

    [Fact]
    public void A_missing_folder_is_a_state_not_an_error()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"asm-no-study-{Guid.NewGuid():N}");
        var study = RecordedStudy.Read(missing, Rows);
        Assert.Empty(study.Records);
        Assert.Empty(study.Present);
        Assert.Equal(Rows, study.Missing);
        Assert.Empty(study.Histories());
        Assert.Equal($"No records: {missing} does not exist.", study.Describe());
    }
}
