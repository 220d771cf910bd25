using Asm.Research.Training;

namespace Asm.Research.Sweeps;

/// <summary>
/// What a folder tree of runs holds: every complete <c>result.json</c> record, every file or link
/// passed over and why, and the state of every run folder without a record. Symbolic links are
/// never followed, inside the tree or out of it (the file system's own link information decides,
/// so a link loop cannot make a record count twice).
/// </summary>
public sealed record RecordScan
{
    /// <summary>Complete records, in path order.</summary>
    public required IReadOnlyList<(string Path, RunResult Run)> Records { get; init; }
    /// <summary>result.json files that are not complete records, and links not followed, with the reason.</summary>
    public required IReadOnlyList<(string Path, string Reason)> Skipped { get; init; }
    /// <summary>Run folders without a complete record, with their state (partial, failed, pending).</summary>
    public required IReadOnlyList<(string Folder, RunState State)> Unfinished { get; init; }

    /// <summary>Scans <paramref name="root"/> (missing: nothing found).</summary>
    public static RecordScan Of(string root)
    {
        var records = new List<(string, RunResult)>();
        var skipped = new List<(string, string)>();
        var unfinished = new List<(string, RunState)>();
        var pending = new Stack<DirectoryInfo>();
        var start = new DirectoryInfo(root);
        if (start.Exists) pending.Push(start);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            FileSystemInfo[] entries;
            try
            {
                entries = folder.GetFileSystemInfos();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                skipped.Add((folder.FullName, $"unreadable folder: {e.Message}"));
                continue;
            }
            foreach (var entry in entries.OrderByDescending(e => e.Name, StringComparer.Ordinal))
            {
                if (entry.LinkTarget is not null)
                {
                    if (entry.Name == ExperimentRunner.ResultFile || entry is DirectoryInfo)
                        skipped.Add((entry.FullName, $"symbolic link (to {entry.LinkTarget}), not followed"));
                }
                else if (entry is DirectoryInfo sub)
                    pending.Push(sub);
                else if (entry.Name == ExperimentRunner.ResultFile)
                {
                    if (RunResult.TryRead(entry.FullName, out string? reason) is { } run) records.Add((entry.FullName, run));
                    else skipped.Add((entry.FullName, reason!));
                }
            }
            if (!File.Exists(Path.Combine(folder.FullName, ExperimentRunner.ResultFile)) && RunFolder.IsRunFolder(folder.FullName))
                unfinished.Add((folder.FullName, RunFolder.State(folder.FullName)));
        }
        return new RecordScan
        {
            Records = records.OrderBy(r => r.Item1, StringComparer.Ordinal).ToList(),
            Skipped = skipped.OrderBy(s => s.Item1, StringComparer.Ordinal).ToList(),
            Unfinished = unfinished.OrderBy(u => u.Item1, StringComparer.Ordinal).ToList(),
        };
    }
}
