using Asm.Research.Platform;
using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Sweeps;
using Asm.Research.Training;
using Asm.Research.Training.Checkpoints;
using Asm.Research.Training.Output;

namespace Asm.Research.Reports;

/// <summary>
/// Finished runs under a folder, ready for <see cref="RunReport"/>: every complete <c>result.json</c>
/// (links never followed, as <c>asm summarize</c> reads them), labelled by setting as summarize labels
/// them, with its history — the checkpoint's beside it (per-step losses included) or else its
/// <c>epochs.json</c> — and the checkpoint folder when one is there, to predict the test images with.
/// </summary>
public static class ReportRecords
{
    /// <summary>One record: the run as a report shows it, its folder and its checkpoint folder (or null).</summary>
    public sealed record Record(ReportedRun Run, string Folder, string? Checkpoint);

    /// <summary>Every complete record under <paramref name="root"/>, settings in first-seen path order, seeds in path order.</summary>
    /// <exception cref="DataException">An <c>epochs.json</c> beside a record is not a list of epoch records (names the file).</exception>
    /// <exception cref="CheckpointException">A checkpoint beside a record is corrupt (names the file).</exception>
    public static IReadOnlyList<Record> Read(string root) =>
        ComparisonSummary.ByConfig(RecordScan.Of(root).Records)
            .SelectMany(group => group.Members.Select(member =>
            {
                string folder = Path.GetDirectoryName(member.Path)!;
                string checkpointFolder = Path.Combine(folder, OutputFolder.CheckpointName);
                string? checkpoint = File.Exists(Path.Combine(checkpointFolder, Checkpoint.ManifestFile)) ? checkpointFolder : null;
                var history = checkpoint is not null ? Checkpoint.ReadManifest(checkpoint).History : EpochsBeside(folder);
                return new Record(new ReportedRun(group.Label, member.Run, history), folder, checkpoint);
            }))
            .ToList();

    private static TrainingHistory EpochsBeside(string folder)
    {
        string file = Path.Combine(folder, ExperimentRunner.EpochsFile);
        return File.Exists(file) ? new TrainingHistory { Epochs = ReadEpochs(file) } : new TrainingHistory();
    }

    /// <summary>An <c>epochs.json</c> (a run's per-epoch history, as <see cref="ExperimentRunner"/> writes it).</summary>
    /// <exception cref="DataException">Not a list of epoch records; the message names the file.</exception>
    public static List<EpochRecord> ReadEpochs(string file)
    {
        try
        {
            return ConfigJson.Deserialize<List<EpochRecord>>(InputFile.ReadAllText(file));
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new DataException($"{file}: not a list of epoch records ({e.Message})", file, e);
        }
    }
}
