using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Asm.Research.Tests.Notebooks;

/// <summary>One error output of an executed notebook: which cell (1-based position, as <c>asm notebook run</c> names it) and what it said.</summary>
public sealed record CellError(int Cell, string Name, string Message);

/// <summary>The outputs of one headless notebook run (<c>asm notebook run</c>), by kind.</summary>
/// <remarks>
/// The runner saves every display in its final state, so a chart counts once per cell and title;
/// <see cref="FinishedProgressCells"/> counts cells whose last progress line is a finished run (step N/N, N &gt; 0),
/// <see cref="UnfinishedProgress"/> the progress lines that are not (a live view saved mid-run or before its first step).
/// The setup cell's plotly.js library is not a chart.
/// </remarks>
public sealed partial record NotebookRun(string Notebook, int ExitCode, TimeSpan Elapsed, IReadOnlyList<CellError> Errors,
                                         int ChartOutputs, int PngOutputs, int MetricsTables, int FinishedProgressCells,
                                         IReadOnlyList<string> UnfinishedProgress, IReadOnlyList<string> Warnings,
                                         string OutputPath, string ReportPath, string StdErr)
{
    /// <summary>A failure report naming the notebook, each failing cell and its error.</summary>
    public string Describe()
    {
        var text = new StringBuilder($"{Notebook}: exit code {ExitCode} after {Elapsed.TotalSeconds:0.0} s; output {OutputPath}");
        foreach (var e in Errors) text.Append($"\n  {Notebook} cell {e.Cell}: {e.Name}: {e.Message}");
        if (Errors.Count == 0 && ExitCode != 0 && StdErr.Length > 0) text.Append("\n  stderr: ").Append(StdErr);
        return text.ToString();
    }

    /// <summary>
    /// Runs <paramref name="notebookPath"/> with the built CLI (<c>asm notebook run … --mode smoke</c>, output in
    /// artifacts/notebook-runs/) and parses the executed copy it writes.
    /// </summary>
    public static NotebookRun Execute(string notebookPath, string mode = "smoke", IReadOnlyList<string>? parameters = null, TimeSpan? timeout = null)
    {
        string name = Path.GetFileName(notebookPath);
        string outDir = Path.Combine(RepoPaths.Root, "artifacts", "notebook-runs");
        string output = Path.Combine(outDir, name);
        string report = Path.ChangeExtension(output, ".html");
        Directory.CreateDirectory(outDir);
        File.Delete(output);
        File.Delete(report);

        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepoPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        var args = new List<string> { Path.Combine(AppContext.BaseDirectory, "asm.dll"), "notebook", "run", Path.GetFullPath(notebookPath), "--mode", mode, "--out", outDir };
        foreach (var p in parameters ?? []) args.AddRange(["-p", p]);
        foreach (var arg in args) start.ArgumentList.Add(arg);

        var clock = Stopwatch.StartNew();
        var (exit, _, stderr) = Tools.Run(start, timeout ?? TimeSpan.FromMinutes(10), $"asm notebook run {name}");
        clock.Stop();
        if (!File.Exists(output))
            throw new Xunit.Sdk.XunitException($"{name}: asm notebook run wrote no output notebook (exit {exit}). stderr: {stderr}");
        return Parse(name, output, report, exit, clock.Elapsed, stderr);
    }

    /// <summary>Reads an executed .ipynb: error outputs per cell, the kinds of rich outputs, progress lines and warnings.</summary>
    public static NotebookRun Parse(string name, string outputPath, string reportPath, int exitCode, TimeSpan elapsed, string stderr)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(outputPath));
        var errors = new List<CellError>();
        var charts = new HashSet<string>();
        var unfinished = new List<string>();
        var warnings = new List<string>();
        int pngs = 0, tables = 0, finishedCells = 0, cellNumber = 0;
        foreach (var cell in doc.RootElement.GetProperty("cells").EnumerateArray())
        {
            cellNumber++;
            string? lastProgress = null;
            int ordinal = 0;
            if (cell.TryGetProperty("outputs", out var outputs))
                foreach (var o in outputs.EnumerateArray())
                {
                    ordinal++;
                    string kind = o.TryGetProperty("output_type", out var t) ? t.GetString() ?? "" : "";
                    if (kind == "error")
                    {
                        errors.Add(new CellError(cellNumber, Text(o, "ename"), Text(o, "evalue")));
                        continue;
                    }
                    if (kind == "stream" && Text(o, "text") is var streamed && WarningLine().IsMatch(streamed))
                        warnings.Add($"cell {cellNumber}: {WarningLine().Match(streamed).Value}");
                    if (!o.TryGetProperty("data", out var data)) continue;
                    string html = data.TryGetProperty("text/html", out var h) ? Joined(h) : "";
                    if (WarningLine().IsMatch(html)) warnings.Add($"cell {cellNumber}: {WarningLine().Match(html).Value}");
                    if (html.Contains("class=\"asm-plotly\"", StringComparison.Ordinal))
                    {
                        // The layout's title: a trace's own titles (a heat map's colour bar) come before it in the figure.
                        int layout = html.IndexOf("\"layout\":", StringComparison.Ordinal);
                        var title = ChartTitle().Match(html, Math.Max(layout, 0));
                        charts.Add($"{cellNumber}|{(title.Success ? title.Groups[1].Value : "#" + ordinal)}");
                    }
                    if (html.Contains("<img src=\"data:image/png;base64,", StringComparison.Ordinal) || data.TryGetProperty("image/png", out _)) pngs++;
                    if (html.Contains("class=\"asm-metrics\"", StringComparison.Ordinal)) tables++;
                    if (html.Contains("class=\"asm-progress\"", StringComparison.Ordinal))
                    {
                        var step = ProgressStep().Match(html);
                        bool finished = step.Success && step.Groups[1].Value == step.Groups[2].Value && step.Groups[2].Value != "0";
                        if (!finished) unfinished.Add($"cell {cellNumber}: {(step.Success ? step.Value : "no step")}");
                        lastProgress = finished ? step.Value : null;
                    }
                }
            if (lastProgress is not null) finishedCells++;
        }
        return new NotebookRun(name, exitCode, elapsed, errors, charts.Count, pngs, tables, finishedCells, unfinished, warnings,
                               outputPath, reportPath, stderr.Trim());
    }

    [GeneratedRegex("\"title\":\\{\"text\":\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex ChartTitle();

    [GeneratedRegex(@"step (\d+)/(\d+)")]
    private static partial Regex ProgressStep();

    [GeneratedRegex(@"warning CS\d+[^\n]*")]
    private static partial Regex WarningLine();

    private static string Text(JsonElement o, string property) =>
        o.TryGetProperty(property, out var v) ? Joined(v) : "";

    private static string Joined(JsonElement v) => v.ValueKind == JsonValueKind.Array
        ? string.Concat(v.EnumerateArray().Select(e => e.GetString()))
        : v.GetString() ?? "";
}
