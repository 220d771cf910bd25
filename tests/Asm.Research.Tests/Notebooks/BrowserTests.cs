namespace Asm.Research.Tests.Notebooks;

/// <summary>
/// The real-browser check: pages opened offline in headless Chromium must draw every chart (plotly's SVG
/// with traces) and decode every image — the report of <c>asm notebook run</c>, and every notebook executed
/// under Jupyter (nbclient with the .NET Interactive kernel) and exported by nbconvert.
/// </summary>
[Trait("Category", "Browser")]
public sealed class BrowserTests
{
    [BrowserFact]
    public void Report_of_asm_notebook_run_draws_every_chart_and_image_offline()
    {
        NotebookExecutionTests.Prepare();
        var run = NotebookRun.Execute(Path.Combine(RepoPaths.Notebooks, "02-bce-baseline.ipynb"));
        Assert.True(run.ExitCode == 0 && run.Errors.Count == 0, run.Describe());
        AssertDrawn(run, run.ReportPath);
    }

    /// <summary>
    /// Each notebook as a Jupyter front end runs it (smoke mode): what Jupyter saved must hold no error, no compiler
    /// warning and no progress line saved before its end, and show what the notebook promises; exported by nbconvert,
    /// every chart must draw and every image decode, offline.
    /// </summary>
    [JupyterTheory]
    [MemberData(nameof(NotebookExecutionTests.Notebooks), MemberType = typeof(NotebookExecutionTests))]
    public void Notebook_run_under_jupyter_and_exported_draws_offline_and_keeps_the_final_state(string notebook)
    {
        NotebookExecutionTests.Prepare();
        var (executed, exit, stderr) = Jupyter.Execute(Path.Combine(RepoPaths.Notebooks, notebook), Path.Combine(RepoPaths.Root, "artifacts", "jupyter-runs"));
        Assert.True(File.Exists(executed), $"nbclient saved no notebook ({exit}): {Tail(stderr)}");
        var saved = NotebookRun.Parse(notebook, executed, "", exit, TimeSpan.Zero, stderr);
        Assert.True(saved.Errors.Count == 0 && exit == 0, $"{saved.Describe()}\n  nbclient: {Tail(stderr)}");
        NotebookExecutionTests.ExpectationFor(notebook).AssertMetBy(saved);
        AssertDrawn(saved, Jupyter.ExportHtml(executed));
    }

    private static void AssertDrawn(NotebookRun run, string htmlPath)
    {
        var page = Chromium.Check(htmlPath);
        Assert.True(page.Problems.Count == 0, $"{htmlPath}: {string.Join("; ", page.Problems)}");
        Assert.Equal(run.ChartOutputs, page.Charts);
        Assert.Equal(page.Charts, page.Drawn);
        Assert.True(page.Images >= run.PngOutputs && page.Decoded == page.Images,
            $"{htmlPath}: {page.Decoded} of {page.Images} images decoded, {run.PngOutputs} image outputs saved");
    }

    private static string Tail(string text) => text[^Math.Min(text.Length, 3000)..];
}
