using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Asm.Research.Tests.Notebooks;

/// <summary>One error output of an executed notebook: which cell (index among all cells) and what it said.</summary>
public sealed record CellError(int CellIndex, string Name, string Message);

/// <summary>The outputs of one headless notebook run, by kind.</summary>
/// <remarks>
/// dotnet-repl records every update of a displayed value as one more output, so a chart redrawn live
/// is counted once per cell and title, and <see cref="LiveProgressCells"/> counts cells whose progress
/// line was updated at least once. The setup cell's plotly.js library is not a chart.
/// </remarks>
public sealed partial record NotebookRun(string Notebook, int ExitCode, TimeSpan Elapsed, IReadOnlyList<CellError> Errors,
                                 int ChartOutputs, int PngOutputs, int MetricsTables, int LiveProgressCells, string OutputPath, string StdErr)
{
    /// <summary>A failure report naming the notebook, each failing cell and its error.</summary>
    public string Describe()
    {
        var text = new StringBuilder($"{Notebook}: exit code {ExitCode} after {Elapsed.TotalSeconds:0.0} s; output {OutputPath}");
        foreach (var e in Errors) text.Append($"\n  {Notebook} cell {e.CellIndex}: {e.Name}: {e.Message}");
        if (Errors.Count == 0 && ExitCode != 0 && StdErr.Length > 0) text.Append("\n  stderr: ").Append(StdErr);
        return text.ToString();
    }

    /// <summary>
    /// Runs <paramref name="notebookPath"/> with dotnet-repl (local tool) in <c>notebooks/</c>, with
    /// ASM_NOTEBOOK_MODE=<paramref name="mode"/>, and parses the executed copy it writes.
    /// </summary>
    public static NotebookRun Execute(string notebookPath, string mode = "smoke", TimeSpan? timeout = null)
    {
        string root = RepoPaths.Root;
        string name = Path.GetFileName(notebookPath);
        string outDir = Path.Combine(root, "artifacts", "notebook-runs");
        Directory.CreateDirectory(outDir);
        string output = Path.Combine(outDir, Path.ChangeExtension(name, ".out.ipynb"));
        File.Delete(output);

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(root, "notebooks"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "repl", "--run", Path.GetFullPath(notebookPath), "--exit-after-run", "--output-path", output })
            start.ArgumentList.Add(arg);
        start.Environment["ASM_NOTEBOOK_MODE"] = mode;

        var clock = Stopwatch.StartNew();
        var (exit, _, stderr) = Tools.Run(start, timeout ?? TimeSpan.FromMinutes(10), $"dotnet repl --run {name}");
        clock.Stop();
        if (!File.Exists(output))
            throw new Xunit.Sdk.XunitException($"{name}: dotnet-repl wrote no output notebook (exit {exit}). stderr: {stderr}");
        return Parse(name, output, exit, clock.Elapsed, stderr);
    }

    /// <summary>Reads an executed .ipynb: error outputs per cell and the kinds of rich outputs.</summary>
    public static NotebookRun Parse(string name, string outputPath, int exitCode, TimeSpan elapsed, string stderr)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(outputPath));
        var errors = new List<CellError>();
        var charts = new HashSet<string>();
        int pngs = 0, tables = 0, liveCells = 0, index = 0;
        foreach (var cell in doc.RootElement.GetProperty("cells").EnumerateArray())
        {
            int progressOutputs = 0, ordinal = 0;
            if (cell.TryGetProperty("outputs", out var outputs))
                foreach (var o in outputs.EnumerateArray())
                {
                    ordinal++;
                    string kind = o.TryGetProperty("output_type", out var t) ? t.GetString() ?? "" : "";
                    if (kind == "error")
                    {
                        errors.Add(new CellError(index, Text(o, "ename"), Text(o, "evalue")));
                        continue;
                    }
                    if (!o.TryGetProperty("data", out var data)) continue;
                    string html = data.TryGetProperty("text/html", out var h) ? Joined(h) : "";
                    if (html.Contains("class=\"asm-plotly\"", StringComparison.Ordinal))
                    {
                        var title = ChartTitle().Match(html);
                        charts.Add($"{index}|{(title.Success ? title.Groups[1].Value : "#" + ordinal)}");
                    }
                    if (html.Contains("<img src=\"data:image/png;base64,", StringComparison.Ordinal) || data.TryGetProperty("image/png", out _)) pngs++;
                    if (html.Contains("class=\"asm-metrics\"", StringComparison.Ordinal)) tables++;
                    if (html.Contains("class=\"asm-progress\"", StringComparison.Ordinal)) progressOutputs++;
                }
            if (progressOutputs >= 2) liveCells++;
            index++;
        }
        return new NotebookRun(name, exitCode, elapsed, errors, charts.Count, pngs, tables, liveCells, outputPath, stderr.Trim());
    }

    [System.Text.RegularExpressions.GeneratedRegex("\"title\":\\{\"text\":\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial System.Text.RegularExpressions.Regex ChartTitle();

    private static string Text(JsonElement o, string property) =>
        o.TryGetProperty(property, out var v) ? Joined(v) : "";

    private static string Joined(JsonElement v) => v.ValueKind == JsonValueKind.Array
        ? string.Concat(v.EnumerateArray().Select(e => e.GetString()))
        : v.GetString() ?? "";
}
