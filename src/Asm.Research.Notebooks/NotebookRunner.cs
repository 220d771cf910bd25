using System.Diagnostics;
using System.Text.Json.Nodes;
using Asm.Research.Platform;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace Asm.Research.Notebooks;

/// <summary>
/// Runs a C# notebook in this process on the kit's own .NET Interactive packages (a C# kernel with
/// the NuGet directive), cell by cell in the notebook's folder, with papermill-style parameters.
/// Writes the executed notebook — every display in its final state — and a self-contained HTML
/// report. Execution stops at the first failing cell; the notebook and report are still written,
/// with that cell's error, and <see cref="NotebookRunResult.Error"/> names it.
/// </summary>
/// <remarks>
/// The process's current directory and <c>ASM_NOTEBOOK_MODE</c> are set for the run and restored
/// after it, and formatters registered by a notebook stay registered: run one notebook per process
/// (as <c>asm notebook run</c> does) when notebooks must not see each other's state.
/// </remarks>
public static class NotebookRunner
{
    /// <summary>Runs <paramref name="path"/>; bad input (missing file, unknown parameter) throws <see cref="NotebookException"/>.</summary>
    public static async Task<NotebookRunResult> RunAsync(string path, NotebookRunOptions options, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var notebook = NotebookDocument.Load(path);
        string name = Path.GetFileName(notebook.Path);
        string outDir = Path.GetFullPath(options.OutputDirectory);
        string outNotebook = Path.Combine(outDir, name);
        string outReport = Path.Combine(outDir, Path.ChangeExtension(name, ".html"));
        NotebookOutputs.Check(notebook.Path, options.Report ? [outNotebook, outReport] : [outNotebook], options.Force);
        string mode = ModeFor(options.Mode);

        NotebookParameters.Inject(notebook, options.Parameters);
        var papermill = NotebookDocument.Child(notebook.Metadata, "papermill");
        papermill["input_path"] = notebook.Path;
        papermill["output_path"] = outNotebook;
        if (papermill["parameters"] is null) papermill["parameters"] = new JsonObject();
        NotebookDocument.Child(notebook.Metadata, "asm")["mode"] = mode;

        var cells = notebook.Cells;
        foreach (var cell in cells.Where(c => NotebookDocument.CellType(c!) == "code"))
        {
            cell!["outputs"] = new JsonArray();
            cell["execution_count"] = null; // cells after a failure must not keep outputs of an earlier run
        }

        NotebookCellError? error = null;
        var warnings = new List<string>();
        int executed = 0, codeCells = cells.Count(c => NotebookDocument.CellType(c!) == "code");
        string? previousMode = Environment.GetEnvironmentVariable(NotebookHost.ModeVariable);
        string previousDirectory = Environment.CurrentDirectory;
        try
        {
            Environment.SetEnvironmentVariable(NotebookHost.ModeVariable, mode);
            Environment.CurrentDirectory = Path.GetDirectoryName(notebook.Path)!; // #load and #r paths are relative to the notebook
            using var kernel = CreateKernel();
            for (int i = 0; i < cells.Count && error is null; i++)
            {
                var cell = cells[i]!;
                if (NotebookDocument.CellType(cell) != "code") continue;
                cancellationToken.ThrowIfCancellationRequested();
                executed++;
                options.Log?.Report($"{name}: cell {i + 1}/{cells.Count} (code {executed}/{codeCells}): {FirstLine(NotebookDocument.Source(cell))}");
                var cellClock = Stopwatch.StartNew();
                var result = await kernel.SendAsync(new SubmitCode(NotebookDocument.Source(cell)), cancellationToken);
                var outputs = new CellOutputs();
                foreach (var e in result.Events) outputs.Add(e, executed);
                cell["outputs"] = new JsonArray(outputs.Outputs.Select(o => (JsonNode)o).ToArray());
                cell["execution_count"] = executed;
                warnings.AddRange(outputs.Warnings.Select(w => $"cell {i + 1}: {w}"));
                if (outputs.Error is { } failed)
                {
                    error = new NotebookCellError(i + 1, failed.Name, failed.Message);
                    options.Log?.Report($"{name}: cell {i + 1} failed after {cellClock.Elapsed.TotalSeconds:0.0} s: {failed.Name}: {failed.Message}");
                }
                else options.Log?.Report($"{name}: cell {i + 1} done in {cellClock.Elapsed.TotalSeconds:0.0} s");
            }
        }
        finally
        {
            Environment.CurrentDirectory = previousDirectory;
            Environment.SetEnvironmentVariable(NotebookHost.ModeVariable, previousMode);
        }

        papermill["exception"] = error is not null;
        papermill["duration"] = Math.Round(clock.Elapsed.TotalSeconds, 1);
        notebook.Save(outNotebook);
        string? report = null;
        if (options.Report)
        {
            NotebookReport.Build(notebook, error).Save(outReport);
            report = outReport;
        }
        return new NotebookRunResult(name, outNotebook, report, executed, error, warnings, clock.Elapsed);
    }

    /// <summary>A composite kernel with one C# kernel (the kernel helpers such as <c>display</c>, and <c>#r "nuget:"</c>).</summary>
    public static CompositeKernel CreateKernel()
    {
        var csharp = new CSharpKernel().UseKernelHelpers();
        csharp.UseNugetDirective((kernel, references) =>
        {
            kernel.AddAssemblyReferences(references.SelectMany(r => r.AssemblyPaths));
            return Task.CompletedTask;
        }, forceRestore: false);
        var composite = new CompositeKernel("asm-notebook");
        composite.Add(csharp, ["c#", "C#"]);
        composite.DefaultKernelName = csharp.Name;
        return composite;
    }

    private static string ModeFor(string? requested)
    {
        try { return NotebookHost.ParseMode(requested ?? Environment.GetEnvironmentVariable(NotebookHost.ModeVariable)); }
        catch (ArgumentException e) { throw new NotebookException(requested is null ? e.Message : $"--mode '{requested}': use smoke, quick or full"); }
    }

    private static string FirstLine(string source)
    {
        string line = source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        return line.Length > 70 ? line[..70] + "…" : line;
    }
}
