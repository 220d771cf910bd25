using System.Text.Json;
using Asm.Research.Notebooks;
using Asm.Research.Reports;
using Asm.Research.Tests.Cli;

namespace Asm.Research.Tests.Notebooks;

/// <summary>
/// <c>asm notebook run</c> with hostile or careless input: a parameter value never runs as code, and the
/// source notebook or a file the runner did not write is never overwritten. Each refusal comes before the kernel starts.
/// </summary>
public sealed class NotebookOutputSafetyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("asm-nb-safety-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Marker => Path.Combine(_dir, "injected");

    // A notebook whose parameters cell declares an array; its only other cell prints the rates.
    private string Notebook()
    {
        string folder = Path.Combine(_dir, "notebooks");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "rates.ipynb");
        var cells = new object[]
        {
            new { cell_type = "code", execution_count = (int?)null, metadata = new { tags = new[] { "parameters" } }, outputs = Array.Empty<object>(),
                  source = new[] { "double[] rates = { 0.1 };\n", "string label = \"x\";" } },
            new { cell_type = "code", execution_count = (int?)null, metadata = new { }, outputs = Array.Empty<object>(), source = new[] { "rates" } },
        };
        File.WriteAllText(path, JsonSerializer.Serialize(new { cells, metadata = new { }, nbformat = 4, nbformat_minor = 5 }));
        return path;
    }

    [Fact]
    public void An_array_parameter_given_code_is_refused_naming_it_and_the_types_accepted()
    {
        string output = Path.Combine(_dir, "out");
        var result = CliProcess.Run("notebook", "run", Notebook(), "--out", output,
            "-p", $"rates=new[]{{0.5}}; System.IO.File.WriteAllText(\"{Marker}\", \"ran\")");
        Refusal.Check(result, "parameter rates is declared double[]");
        Assert.False(File.Exists(Marker));
        Assert.False(Directory.Exists(output));

        var otherType = Path.Combine(_dir, "notebooks", "span.ipynb");
        File.WriteAllText(otherType, File.ReadAllText(Notebook()).Replace("double[] rates = { 0.1 };", "TimeSpan rates = TimeSpan.Zero;"));
        Refusal.Check(CliProcess.Run("notebook", "run", otherType, "--out", output, "-p", "rates=TimeSpan.MaxValue"),
            "parameter rates is declared TimeSpan", "bool, int, long, float, double, string");
    }

    [Fact]
    public void Out_through_a_link_to_the_notebooks_folder_is_refused_and_the_notebook_kept()
    {
        string notebook = Notebook();
        string before = File.ReadAllText(notebook);
        string link = Path.Combine(_dir, "link");
        Directory.CreateSymbolicLink(link, Path.GetDirectoryName(notebook)!);
        Refusal.Check(CliProcess.Run("notebook", "run", notebook, "--out", link, "--force"), "would overwrite");
        Assert.Equal(before, File.ReadAllText(notebook));
    }

    [Theory]
    [InlineData("rates.html", "<html>my own page</html>")]
    [InlineData("rates.ipynb", "{\"cells\": [], \"metadata\": {}}")]
    public void A_file_the_runner_did_not_write_is_kept_without_force(string name, string mine)
    {
        string output = Path.Combine(_dir, "out");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, name), mine);
        Refusal.Check(CliProcess.Run("notebook", "run", Notebook(), "--out", output), name, "--force");
        Assert.Equal(mine, File.ReadAllText(Path.Combine(output, name)));
    }

    [Fact]
    public void The_runners_own_outputs_and_forced_ones_may_be_replaced()
    {
        string ours = Path.Combine(_dir, "ours.ipynb"), page = Path.Combine(_dir, "ours.html"), theirs = Path.Combine(_dir, "theirs.html");
        File.WriteAllText(ours, """{"cells": [], "metadata": {"papermill": {"output_path": "x"}, "asm": {"mode": "smoke"}}}""");
        new HtmlReport("t").Save(page);
        File.WriteAllText(theirs, "<html></html>");
        NotebookOutputs.Check(Notebook(), [ours, page], force: false);
        NotebookOutputs.Check(Notebook(), [theirs], force: true);
        Assert.Throws<NotebookException>(() => NotebookOutputs.Check(Notebook(), [theirs], force: false));
    }
}
