using Asm.Research.Platform;
using System.Text.Json;
using Asm.Research.Configuration;

namespace Asm.Research.Sweeps;

/// <summary>
/// A sweep file, expanded: its name, its output root and its runs in their fixed order.
/// The file (JSON, comments allowed) names a base (method + <c>--set</c> values), axes, seeds and a root:
/// <code>
/// { "name": "study", "root": "runs/study", "seeds": [0, 1, 2],
///   "base": { "method": "asm+bce", "set": ["data.size=128"] },
///   "axes": [ { "method": ["bce", "asm+bce"] }, { "set": [[], "asm.margin=0.4", ["asm.layers=1", "asm.margin=0.4"]] } ] }
/// </code>
/// or, instead of <c>axes</c>, <c>"grids": [{ "base": …, "axes": […] }, …]</c>: several grids, each
/// crossed on its own, with the top-level base and seeds. See docs/SCALING.md.
/// </summary>
public sealed record SweepFile
{
    /// <summary>
    /// The most runs one sweep file may make (settings × seeds): far beyond any study a machine or cluster trains,
    /// and small enough to list at once; a file over it is refused before its runs are built.
    /// </summary>
    public const int MaxRuns = 10_000;

    /// <summary>The sweep file's full path.</summary>
    public required string Path { get; init; }
    /// <summary>The sweep's name (the file's <c>name</c>, else the file name without extension).</summary>
    public required string Name { get; init; }
    /// <summary>The output root: absolute; every run's folder is under it.</summary>
    public required string Root { get; init; }
    /// <summary>The runs, in order: grids in file order, axes crossed with the first one outermost, seeds innermost.</summary>
    public required IReadOnlyList<SweepRun> Runs { get; init; }

    /// <summary>
    /// Reads and expands a sweep file. <paramref name="rootOverride"/> replaces the file's root (e.g. the
    /// path at which a container mounts the shared volume); a relative root is taken from the file's folder.
    /// </summary>
    /// <exception cref="SweepException">Unreadable or invalid file, unknown key, method or config key; the message names the file and the place.</exception>
    public static SweepFile Load(string path, string? rootOverride = null)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full)) throw new SweepException($"{path}: sweep file not found");
        string text;
        try
        {
            text = InputFile.ReadAllText(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SweepException($"{path}: cannot read the sweep file ({e.Message})");
        }
        return Parse(text, full, rootOverride);
    }

    /// <summary>Expands sweep-file text as if it were the file at <paramref name="path"/> (for relative roots and messages).</summary>
    public static SweepFile Parse(string text, string path, string? rootOverride = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, ConfigJson.DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new SweepException($"{path}: not valid JSON ({e.Message})");
        }
        using (document)
            return new SweepFileReader(path).Read(document.RootElement, rootOverride);
    }

    /// <summary>The run at <paramref name="index"/>.</summary>
    /// <exception cref="SweepException">Out of range; the message gives the range.</exception>
    public SweepRun Run(int index) => index >= 0 && index < Runs.Count ? Runs[index]
        : throw new SweepException($"{Path}: run index {index} is out of range; the sweep has {Runs.Count} run(s), indices 0–{Runs.Count - 1}");
}
