using System.Text.Json.Nodes;
using Asm.Research.Tests.Cli;

namespace Asm.Research.Tests.Notebooks;

/// <summary><c>asm notebook run</c>'s parameters, refusals and report, on the small fixture notebook.</summary>
[Trait("Category", "Notebooks")]
public sealed class NotebookRunnerTests
{
    private static string Fixture => Path.Combine(RepoPaths.Fixtures, "visuals-smoke.ipynb");

    [Fact]
    public void Parameters_change_the_run_and_the_report_shows_them()
    {
        NotebookExecutionTests.Prepare();
        var run = NotebookRun.Execute(Fixture, parameters: ["size=40", "caption=set by -p"]);
        Assert.True(run.ExitCode == 0 && run.Errors.Count == 0, run.Describe());

        var notebook = JsonNode.Parse(File.ReadAllText(run.OutputPath))!;
        Assert.Equal("40", notebook["metadata"]!["papermill"]!["parameters"]!["size"]!.GetValue<string>());
        var cells = notebook["cells"]!.AsArray();
        int defaults = cells.ToList().FindIndex(c => c!["metadata"]?["tags"]?.AsArray().Any(t => t!.GetValue<string>() == "parameters") == true);
        var injected = cells[defaults + 1]!;
        Assert.Contains("injected-parameters", injected["metadata"]!["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Contains("size = 40;", string.Concat(injected["source"]!.AsArray().Select(l => l!.GetValue<string>())));

        // The value reached the code: the gallery's tiles are 40 px wide, the overlay has the given caption.
        string gallery = string.Concat(cells[defaults + 2]!["outputs"]![0]!["data"]!["text/html"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Contains("width=\"40\"", gallery);
        Assert.DoesNotContain("width=\"48\"", gallery);
        string report = File.ReadAllText(run.ReportPath);
        Assert.Contains("set by -p", report);
        Assert.Contains("size</span> = 40", report);
    }

    /// <summary>The README's example on a real notebook: <c>-p epochs=2</c> trains notebook 02 for two epochs (its smoke default is one).</summary>
    [Fact]
    public void Parameter_changes_a_real_notebooks_training_and_the_report_shows_it()
    {
        NotebookExecutionTests.Prepare();
        var run = NotebookRun.Execute(Path.Combine(RepoPaths.Notebooks, "02-bce-baseline.ipynb"), parameters: ["epochs=2"]);
        Assert.True(run.ExitCode == 0 && run.Errors.Count == 0, run.Describe());

        var notebook = JsonNode.Parse(File.ReadAllText(run.OutputPath))!;
        Assert.Equal("2", notebook["metadata"]!["papermill"]!["parameters"]!["epochs"]!.GetValue<string>());
        // The finished progress line (a run's final state) says how many epochs were trained.
        string outputs = notebook.ToJsonString();
        Assert.Contains("epoch 2/2", outputs);
        Assert.DoesNotContain("epoch 1/1", outputs);
        // The report's "Parameters" box (before the first cell; the config tree further down says epochs = 2 as well).
        string report = File.ReadAllText(run.ReportPath);
        int box = report.IndexOf(">Parameters</div>", StringComparison.Ordinal);
        int firstCell = report.IndexOf("class=\"asm-code\"", StringComparison.Ordinal);
        Assert.True(box >= 0 && firstCell > box, "the report has no Parameters box before its cells");
        Assert.Contains("epochs</span> = 2", report[box..firstCell]);
        Assert.Contains("epoch 2/2", report[firstCell..]);
    }

    [Fact]
    public void Unknown_parameter_is_refused_naming_it_and_the_declared_ones()
    {
        var result = CliProcess.Run("notebook", "run", Fixture, "-p", "sise=40", "--out", Path.Combine(Path.GetTempPath(), "asm-nb-refused"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'sise' is not a parameter", result.Stderr);
        Assert.Contains("size, caption", result.Stderr);
    }

    [Fact]
    public void Value_of_the_wrong_type_is_refused() =>
        Assert.Contains("parameter size is declared int; 'big' is not a whole number",
            CliProcess.Run("notebook", "run", Fixture, "-p", "size=big").Stderr);

    [Fact]
    public void Output_folder_holding_the_notebook_itself_is_refused()
    {
        var result = CliProcess.Run("notebook", "run", Fixture, "--out", RepoPaths.Fixtures);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("would overwrite", result.Stderr);
    }

    [Fact]
    public void Missing_notebook_and_bad_mode_are_usage_errors()
    {
        var missing = CliProcess.Run("notebook", "run", "no-such.ipynb");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no-such.ipynb' does not exist", missing.Stderr);
        var mode = CliProcess.Run("notebook", "run", Fixture, "--mode", "fast");
        Assert.Equal(2, mode.ExitCode);
        Assert.Contains("--mode 'fast'", mode.Stderr);
    }
}
