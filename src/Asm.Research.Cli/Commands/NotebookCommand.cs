using System.Text.Json;
using Asm.Research.Notebooks;

namespace Asm.Research.Cli.Commands;

/// <summary>
/// <c>asm notebook run</c>: executes a notebook in this process (no editor, no Jupyter) with
/// papermill-style parameters, and writes the executed notebook and a self-contained HTML report.
/// </summary>
public static class NotebookCommand
{
    public const string Help = """
        asm notebook run NB.ipynb [--mode smoke|quick|full] [-p name=value ...] [--out DIR] [--no-report] [--json]
          Runs every code cell of NB.ipynb in order, in the notebook's folder, on the kit's .NET Interactive
          C# kernel. -p sets a variable of the cell tagged "parameters" (papermill's convention: the values
          go into a new cell after it, recorded in the output's metadata); --mode sets ASM_NOTEBOOK_MODE
          (default: the environment's, else quick). Writes DIR/NB.ipynb (every display in its final state)
          and DIR/NB.html (charts and images inline, plotly.js embedded: opens offline). DIR defaults to
          notebook-runs. Prints each cell as it runs (stderr). Exit 1 names the notebook, cell and error
          of the first failing cell (execution stops there; both files are still written).
        """;

    public static int Run(IReadOnlyList<string> argv, CancellationToken cancellationToken)
    {
        if (argv.Count == 0 || argv[0] != "run")
            throw new UsageException($"notebook: expected 'run' then a notebook, e.g. asm notebook run notebooks/01-data.ipynb{(argv.Count > 0 ? $" (got '{argv[0]}')" : "")}");
        var rest = argv.Skip(1).ToList();
        // The notebook is the first word that is neither an option nor an option's value.
        int pathAt = -1;
        for (int i = 0; i < rest.Count && pathAt < 0; i++)
        {
            if (rest[i] is "-p" or "--parameter" or "--mode" or "--out") i++;
            else if (!rest[i].StartsWith('-')) pathAt = i;
        }
        if (pathAt < 0) throw new UsageException("notebook run: which notebook? e.g. asm notebook run notebooks/01-data.ipynb");
        string path = rest[pathAt];
        rest.RemoveAt(pathAt);
        var words = rest.Select(w => w == "-p" ? "--parameter" : w).ToList();
        var args = CommandArguments.Parse("notebook run", words, new HashSet<string>(["--mode", "--out", "--parameter"]),
            new HashSet<string>(["--no-report", "--json"]));
        bool json = args.Flag("--json");

        NotebookRunResult result;
        try
        {
            var options = new NotebookRunOptions
            {
                Mode = args.Value("--mode"),
                Parameters = NotebookParameters.Parse(args.Values("--parameter")),
                OutputDirectory = args.Value("--out") ?? "notebook-runs",
                Report = !args.Flag("--no-report"),
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
