using System.Text.RegularExpressions;
using Asm.Research.Configuration;
using Asm.Research.Training.Checkpoints;

namespace Asm.Research.Training.Output;

/// <summary>
/// Decides, before anything is written or deleted, whether a run may use its output folder, and
/// then prepares it. The kit's files in a run folder are <c>checkpoint/</c> (a manifest and
/// <c>*.tensors</c>), the <c>checkpoint.tmp-PID</c> / <c>checkpoint.old-PID</c> folders a save
/// leaves when it is interrupted, <c>epochs.json</c> and <c>result.json</c> (and their temporary
/// files). Nothing else is ever touched.
/// </summary>
public static partial class OutputFolder
{
    /// <summary>The checkpoint's folder name inside a run folder.</summary>
    public const string CheckpointName = "checkpoint";

    /// <summary>
    /// Validates <paramref name="directory"/> for a run of <paramref name="config"/> and returns the
    /// plan, changing nothing. Without <paramref name="resume"/> or <paramref name="force"/> the
    /// folder must be new or empty. With <paramref name="resume"/> the last complete checkpoint (a
    /// leftover of an interrupted save included) must come from the same config. With
    /// <paramref name="force"/> the kit's files are replaced and every other file is kept.
    /// </summary>
    /// <exception cref="OutputFolderException">A file, under a file, not writable, or holding a run or other files (without --resume/--force).</exception>
    /// <exception cref="CheckpointException">The checkpoint to resume is corrupt or from another config.</exception>
    public static OutputPlan Plan(string directory, ExperimentConfig config, bool resume, bool force)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(config);
        string full = Path.GetFullPath(directory);
        string checkpoint = Path.Combine(full, CheckpointName);
        CheckPlace(full);

        if (!Directory.Exists(full))
            return new OutputPlan(full, checkpoint, null, 0, [],
                resume ? $"no checkpoint in {full}: starting from scratch" : $"writing the run to {full}");

        var entries = Directory.EnumerateFileSystemEntries(full).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var kit = entries.Where(IsKitEntry).Select(name => Path.Combine(full, name!)).ToList();
        var others = entries.Where(name => !IsKitEntry(name)).ToList();
        foreach (var folder in kit.Where(Directory.Exists))
        {
            var foreign = ForeignFiles(folder);
            if (foreign.Count > 0)
                throw new OutputFolderException(
                    $"{folder} holds files the kit did not write ({string.Join(", ", foreign.Take(5))}); the checkpoint's folder is " +
                    "replaced as a whole on every save, so move them elsewhere first.");
        }

        if (resume)
        {
            var (from, epoch, note) = LastCompleteCheckpoint(full, checkpoint, config);
            var remove = kit.Where(p => p != from && p != checkpoint).ToList();
            string message = from is null
                ? $"no complete checkpoint in {full}: starting from scratch"
                : $"resuming from epoch {epoch} of {from}{note}";
            return new OutputPlan(full, checkpoint, from, epoch, remove, message);
        }
        if (force)
            return new OutputPlan(full, checkpoint, null, 0, kit,
                kit.Count == 0 ? $"writing the run to {full}" : $"--force: replacing the kit's files in {full} ({string.Join(", ", kit.Select(Path.GetFileName))}); other files are kept");
        if (kit.Count > 0)
            throw new OutputFolderException(
                $"{full} already holds a run ({string.Join(", ", kit.Select(Path.GetFileName))}): pass --resume to continue it, " +
                "--force to replace it (only the kit's files are touched), or choose another --out.");
        if (others.Count > 0)
            throw new OutputFolderException(
                $"{full} is not empty ({string.Join(", ", others.Take(5))}{(others.Count > 5 ? ", …" : "")}): choose a new or empty --out, " +
                "or pass --force to write the run beside those files (they are kept).");
        return new OutputPlan(full, checkpoint, null, 0, [], $"writing the run to {full}");
    }

    /// <summary>
    /// Carries out <paramref name="plan"/>: removes the kit's stale files, moves a leftover complete
    /// checkpoint into place and creates the folder. Call it only after every other check passed.
    /// </summary>
    public static void Apply(OutputPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        try
        {
            foreach (var path in plan.Remove)
            {
                if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
                else File.Delete(path);
            }
            if (plan.ResumeFrom is { } from && from != plan.CheckpointDirectory)
            {
                // The leftover is newer than checkpoint/ (or checkpoint/ is gone): swap it in the
                // same way Checkpoint.Save does, so a crash here still leaves one complete copy.
                string aside = $"{plan.CheckpointDirectory}.old-{Environment.ProcessId}";
                if (Directory.Exists(plan.CheckpointDirectory)) Directory.Move(plan.CheckpointDirectory, aside);
                Directory.Move(from, plan.CheckpointDirectory);
                if (Directory.Exists(aside)) Directory.Delete(aside, recursive: true);
            }
            Directory.CreateDirectory(plan.Directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFolderException($"{plan.Directory}: cannot prepare the output folder ({e.Message})", e);
        }
    }

    /// <summary>
    /// Finishes what a killed writer left in <paramref name="directory"/>, without a config to check against (call it
    /// with the run's lock held, before reading its checkpoint): when <c>checkpoint/</c> is missing, the newest
    /// complete leftover (a save caught between its two renames) becomes <c>checkpoint/</c>; every other leftover and
    /// temporary record file is deleted. Files the kit did not write are not touched.
    /// </summary>
    /// <exception cref="OutputFolderException">The folder cannot be changed.</exception>
    public static void RecoverInterruptedSave(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string full = Path.GetFullPath(directory);
        if (!Directory.Exists(full)) return;
        string checkpoint = Path.Combine(full, CheckpointName);
        var leftovers = Leftovers(full);
        var newest = Directory.Exists(checkpoint) ? default
            : CompleteCheckpoints(leftovers).OrderByDescending(c => c.Manifest.Epoch).FirstOrDefault();
        var temporaries = Directory.EnumerateFiles(full).Where(f => RecordTemp().IsMatch(Path.GetFileName(f)));
        Apply(new OutputPlan(full, checkpoint, newest.Path, newest.Manifest?.Epoch ?? 0,
            [.. leftovers.Where(l => l != newest.Path), .. temporaries], ""));
    }

    /// <summary>The output path must be (or be creatable as) a writable folder: refuses a file, a path under a file, and a folder that cannot be written.</summary>
    private static void CheckPlace(string full)
    {
        if (FileInTheWay.Of(full) is { } file)
            throw new OutputFolderException(file == full
                ? $"{full} is a file, not a folder: choose another --out."
                : $"{full}: {file} is a file, so no folder can be made under it; choose another --out.");
        string? existing = full;
        while (existing is not null && !Directory.Exists(existing)) existing = Path.GetDirectoryName(existing);
        if (existing is null)
            throw new OutputFolderException($"{full}: no existing folder above it; choose another --out.");
        // Writing one small file is the only check that also sees read-only mounts and ACLs.
        string probe = Path.Combine(existing, $".asm-write-check-{Environment.ProcessId}");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFolderException($"{full}: cannot write in {existing} ({e.Message}); choose another --out.", e);
        }
        finally
        {
            if (File.Exists(probe)) File.Delete(probe);
        }
    }

    /// <summary>
    /// The complete checkpoint with the most epochs among <c>checkpoint/</c> and the leftovers of an
    /// interrupted save. A corrupt <c>checkpoint/</c> is refused (never silently replaced); an
    /// incomplete leftover is ignored (it is the save that was interrupted).
    /// </summary>
    private static (string? From, int Epoch, string Note) LastCompleteCheckpoint(string full, string checkpoint, ExperimentConfig config)
    {
        var complete = new List<(string Path, CheckpointManifest Manifest)>();
        if (File.Exists(Path.Combine(checkpoint, Checkpoint.ManifestFile)))
            complete.Add((checkpoint, Checkpoint.ReadManifest(checkpoint)));
        complete.AddRange(CompleteCheckpoints(Leftovers(full)));
        if (complete.Count == 0) return (null, 0, "");
        var (path, manifest) = complete.OrderByDescending(c => c.Manifest.Epoch).ThenBy(c => c.Path == checkpoint ? 0 : 1).First();
        var differences = Checkpoint.Differences(manifest.Config, config);
        if (differences.Count > 0)
            throw new CheckpointException(
                $"{Path.Combine(path, Checkpoint.ManifestFile)}: the checkpoint comes from another config: {string.Join("; ", differences)}. " +
                "Nothing was changed; resume with the run's own settings or train into another --out.");
        string note = path == checkpoint ? "" : " (left by a save that was interrupted; moved into checkpoint/)";
        return (path, manifest.Epoch, note);
    }

    /// <summary>The <c>checkpoint.tmp-PID</c> / <c>checkpoint.old-PID</c> folders interrupted saves left, in name order.</summary>
    private static List<string> Leftovers(string full) =>
        Directory.EnumerateDirectories(full).Where(d => LeftoverName().IsMatch(Path.GetFileName(d))).Order(StringComparer.Ordinal).ToList();

    /// <summary>The folders among <paramref name="folders"/> that hold a complete checkpoint, with their manifests.</summary>
    private static IEnumerable<(string Path, CheckpointManifest Manifest)> CompleteCheckpoints(IEnumerable<string> folders)
    {
        foreach (var folder in folders)
        {
            if (!File.Exists(Path.Combine(folder, Checkpoint.ManifestFile))) continue;
            CheckpointManifest manifest;
            try
            {
                manifest = Checkpoint.ReadManifest(folder);
            }
            catch (CheckpointException)
            {
                // A save interrupted while writing: not a checkpoint to resume from.
                continue;
            }
            yield return (folder, manifest);
        }
    }

    private static bool IsKitEntry(string? name) =>
        name is not null && (name == CheckpointName || name == ExperimentRunner.ResultFile || name == ExperimentRunner.EpochsFile || LeftoverName().IsMatch(name) || RecordTemp().IsMatch(name));

    /// <summary>Files in a checkpoint folder (or leftover) that are not a manifest or a tensor file.</summary>
    private static List<string> ForeignFiles(string folder) =>
        Directory.EnumerateFileSystemEntries(folder)
            .Where(p => !(File.Exists(p) && (Path.GetFileName(p) == Checkpoint.ManifestFile || p.EndsWith(".tensors", StringComparison.Ordinal))))
            .Select(p => Path.GetFileName(p)!)
            .Order(StringComparer.Ordinal)
            .ToList();

    [GeneratedRegex(@"^checkpoint\.(tmp|old)-[0-9]+$")]
    private static partial Regex LeftoverName();

    [GeneratedRegex(@"^(result|epochs)\.json\.tmp-[0-9]+$")]
    private static partial Regex RecordTemp();
}
