using System.ComponentModel;
using System.Text.Json;
using Asm.Research.Notebooks;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Commands;

/// <summary>
/// <c>asm notebook run</c>: executes a notebook in this process (no editor, no Jupyter) with
/// papermill-style parameters, and writes the executed notebook and a self-contained HTML report.
/// </summary>
[Description("""
    Runs a notebook headless and writes the executed notebook and an HTML report.
    Runs every code cell of NB.ipynb in order, in the notebook's folder, on the kit's .NET Interactive
    C# kernel. -p sets a variable of the cell tagged "parameters" (papermill's convention: the values
    go into a new cell after it, recorded in the output's metadata); --mode sets ASM_NOTEBOOK_MODE
    (default: the environment's, else quick). Writes DIR/NB.ipynb (every display in its final state)
    and DIR/NB.html (charts and images inline, plotly.js embedded: opens offline). DIR defaults to
    notebook-runs; an existing file there that this command did not write is kept unless --force. Prints each cell as it runs (stderr). Exit 1 names the notebook, cell and error
    of the first failing cell (execution stops there; both files are still written).
    """)]
public sealed class NotebookRunCommand : Command<NotebookRunSettings>
{
    /// <summary>The <c>notebook</c> branch's help text.</summary>
    public const string BranchDescription = "Runs notebooks without an editor: asm notebook run NB.ipynb";

    /// <inheritdoc/>
    public override int Execute(CommandContext context, NotebookRunSettings settings, CancellationToken cancellationToken)
    {
        string path = settings.Notebook!;
        bool json = settings.Json;

        NotebookRunResult result;
        try
        {
            var options = new NotebookRunOptions
            {
                Mode = settings.Mode,
                Parameters = NotebookParameters.Parse(settings.Parameters),
                OutputDirectory = settings.Out,
                Report = !settings.NoReport,
                Force = settings.Force,
                Log = new SynchronousLog(),
            };
            result = NotebookRunner.RunAsync(path, options, cancellationToken).GetAwaiter().GetResult();
        }
        catch (NotebookException e)
        {
            throw new UsageException(e.Message);
        }

        foreach (string warning in result.Warnings) Console.Error.WriteLine($"{result.Notebook}: warning {warning}");
        string written = result.Report is null ? result.OutputNotebook : $"{result.OutputNotebook} and {result.Report}";
        if (json)
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["notebook"] = result.Notebook, ["output"] = result.OutputNotebook, ["report"] = result.Report,
                ["cells"] = result.CellsRun, ["seconds"] = Math.Round(result.Elapsed.TotalSeconds, 1),
                ["error"] = result.Describe(), ["warnings"] = result.Warnings,
            }));
        if (result.Succeeded)
        {
            if (!json) Console.WriteLine($"{result.Notebook}: {result.CellsRun} code cells in {result.Elapsed.TotalSeconds:0.0} s; wrote {written}");
            return 0;
        }
        Console.Error.WriteLine($"asm: {result.Describe()} (wrote {written})");
        return 1;
    }

    /// <summary>Prints each line at once, on stderr (stdout stays for the result).</summary>
    private sealed class SynchronousLog : IProgress<string>
    {
        public void Report(string value) => Console.Error.WriteLine(value);
    }
}
