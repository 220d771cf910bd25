using Asm.Research.Platform;
using System.Text.Json;
using Asm.Research.Configuration;
using Asm.Research.Training;
using Asm.Research.Training.Checkpoints;
using Asm.Research.Training.Output;

namespace Asm.Research.Sweeps;

/// <summary>
/// The files of one run's folder and what they say: <c>run.json</c> (which run and config),
/// <c>run.lock</c> (held while a task writes) and <c>run.holder</c> (who took it last), <c>checkpoint/</c> (after every epoch),
/// <c>failed.json</c> (the last attempt's error) and <c>result.json</c> (the complete record).
/// </summary>
public static class RunFolder
{
    /// <summary>The run's descriptor file.</summary>
    public const string DescriptorFile = "run.json";
    /// <summary>The lock file a writing task holds.</summary>
    public const string LockFile = "run.lock";
    /// <summary>Who took the lock last ("pid N on HOST since T"): a file of its own, since .NET cannot read a file another handle holds exclusively.</summary>
    public const string HolderFile = "run.holder";
    /// <summary>The last attempt's failure.</summary>
    public const string FailureFile = "failed.json";
    /// <summary>The checkpoint folder inside a run folder.</summary>
    public const string CheckpointFolder = "checkpoint";

    /// <summary>True when the folder holds any of a run's files (it is a run folder, not a folder of folders).</summary>
    public static bool IsRunFolder(string folder) =>
        new[] { DescriptorFile, FailureFile, ExperimentRunner.ResultFile }.Any(f => File.Exists(Path.Combine(folder, f)))
        || File.Exists(Path.Combine(folder, CheckpointFolder, Checkpoint.ManifestFile));

    /// <summary>The run's state from its files alone (no training; the lock only probed, see <see cref="RunLock.Holder"/>).</summary>
    public static RunState State(string folder)
    {
        string result = Path.Combine(folder, ExperimentRunner.ResultFile);
        int epoch = CheckpointEpoch(folder);
        string? holder = RunLock.Holder(folder);
        if (File.Exists(result))
            return RunResult.TryRead(result, out string? reason) is not null ? new RunState(RunStateKind.Complete, epoch, HeldBy: holder)
                : new RunState(RunStateKind.Failed, epoch, $"{result}: {reason}", holder);
        if (ReadFailure(folder) is { } failure) return new RunState(RunStateKind.Failed, epoch, failure.Message, holder);
        return new RunState(epoch > 0 ? RunStateKind.Partial : RunStateKind.Pending, epoch, HeldBy: holder);
    }

    /// <summary>The config the folder's run was started with: from run.json, else its checkpoint, else its record; null for a fresh folder.</summary>
    public static ExperimentConfig? StoredConfig(string folder)
    {
        if (ReadDescriptor(folder) is { } descriptor) return descriptor.Config;
        if (Manifest(folder) is { } manifest) return manifest.Config;
        return RunResult.TryRead(Path.Combine(folder, ExperimentRunner.ResultFile), out _)?.Config;
    }

    /// <summary>The folder's <c>run.json</c>, or null when there is none.</summary>
    /// <exception cref="SweepException">The file is not a run descriptor.</exception>
    public static RunDescriptor? ReadDescriptor(string folder)
    {
        string file = Path.Combine(folder, DescriptorFile);
        if (!File.Exists(file)) return null;
        try
        {
            return ConfigJson.Deserialize<RunDescriptor>(InputFile.ReadAllText(file));
        }
        catch (JsonException e)
        {
            throw new SweepException($"{file}: not a run descriptor ({e.Message.Split(". ")[0]}); move the folder away or delete the file");
        }
    }

    /// <summary>The manifest of the folder's checkpoint, or null without a readable one (its tensors are not checked here).</summary>
    public static CheckpointManifest? Manifest(string folder) => ReadManifestIn(Path.Combine(folder, CheckpointFolder));

    private static CheckpointManifest? ReadManifestIn(string checkpointFolder)
    {
        string file = Path.Combine(checkpointFolder, Checkpoint.ManifestFile);
        try
        {
            return File.Exists(file) ? ConfigJson.Deserialize<CheckpointManifest>(InputFile.ReadAllText(file)) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Cleans up what a killed writer left, before the next attempt (call with the lock held): an interrupted
    /// checkpoint save as <see cref="OutputFolder.RecoverInterruptedSave"/> finishes it, then the temporary files
    /// of this folder's own atomic writes (<c>run.json</c>, <c>failed.json</c>).
    /// </summary>
    public static void Recover(string folder)
    {
        OutputFolder.RecoverInterruptedSave(folder);
        foreach (var stale in Directory.EnumerateFiles(folder, "*.tmp-*")) File.Delete(stale);
    }

    /// <summary>Writes run.json (atomically).</summary>
    public static void WriteDescriptor(string folder, RunDescriptor descriptor) =>
        ExperimentRunner.WriteAtomically(Path.Combine(folder, DescriptorFile), ConfigJson.Serialize(descriptor));

    /// <summary>Records the last attempt's failure (atomically).</summary>
    public static void WriteFailure(string folder, RunFailure failure) =>
        ExperimentRunner.WriteAtomically(Path.Combine(folder, FailureFile), ConfigJson.Serialize(failure));

    /// <summary>Forgets the last attempt's failure (a new attempt starts).</summary>
    public static void ClearFailure(string folder) => File.Delete(Path.Combine(folder, FailureFile));

    private static RunFailure? ReadFailure(string folder)
    {
        string file = Path.Combine(folder, FailureFile);
        if (!File.Exists(file)) return null;
        try
        {
            return ConfigJson.Deserialize<RunFailure>(InputFile.ReadAllText(file));
        }
        catch (JsonException)
        {
            return new RunFailure { Message = $"{file} is unreadable" };
        }
    }

    private static int CheckpointEpoch(string folder) => Manifest(folder)?.Epoch ?? 0;
}
