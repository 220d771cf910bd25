using System.Diagnostics;

namespace Asm.Research.Tests.Notebooks;

/// <summary>
/// The real-browser check: pages opened offline in headless Chromium must draw every chart (plotly's SVG
/// with traces) and decode every image — the report of <c>asm notebook run</c>, and a notebook executed
/// under Jupyter (nbclient with the .NET Interactive kernel) and exported by nbconvert.
/// </summary>
[Trait("Category", "Browser")]
public sealed class BrowserTests
{
    private const string Notebook = "02-bce-baseline.ipynb";

    [BrowserFact]
    public void Report_of_asm_notebook_run_draws_every_chart_and_image_offline()
    {
        NotebookExecutionTests.Prepare();
        var run = NotebookRun.Execute(Path.Combine(RepoPaths.Notebooks, Notebook));
        Assert.True(run.ExitCode == 0 && run.Errors.Count == 0, run.Describe());

        var page = Chromium.Check(run.ReportPath);
        Assert.True(page.Problems.Count == 0, string.Join("; ", page.Problems));
        Assert.Equal(run.ChartOutputs, page.Charts);
        Assert.Equal(page.Charts, page.Drawn);
        Assert.True(page.Images >= run.PngOutputs && page.Decoded == page.Images, $"{page.Decoded} of {page.Images} images decoded");
    }

    [BrowserFact]
    public void Notebook_run_under_jupyter_and_exported_draws_offline_and_keeps_the_final_state()
    {
        string? missing = JupyterMissing();
        if (missing is not null)
        {
            // Reported as a pass with the reason: xunit 2 cannot skip from inside a test.
            Console.WriteLine($"Jupyter route not checked: {missing}");
            return;
        }
        NotebookExecutionTests.Prepare();
        string outDir = Path.Combine(RepoPaths.Root, "artifacts", "jupyter-runs");
        Directory.CreateDirectory(outDir);
        string executed = Path.Combine(outDir, Notebook);
        File.Delete(executed);
        string script = $$$"""
            import nbformat, nbclient
            nb = nbformat.read({{{Py(Path.Combine(RepoPaths.Notebooks, Notebook))}}}, as_version=4)
            nbclient.NotebookClient(nb, timeout=900, kernel_name='.net-csharp', resources={'metadata': {'path': {{{Py(RepoPaths.Notebooks)}}}}}).execute()
            nbformat.write(nb, {{{Py(executed)}}})
            """;
        var execute = new ProcessStartInfo("/usr/bin/python3") { WorkingDirectory = RepoPaths.Notebooks, RedirectStandardOutput = true, RedirectStandardError = true };
        execute.ArgumentList.Add("-c");
        execute.ArgumentList.Add(script);
        execute.Environment["ASM_NOTEBOOK_MODE"] = "smoke";
        var (exit, _, stderr) = Tools.Run(execute, TimeSpan.FromMinutes(15), $"nbclient {Notebook}");
        Assert.True(exit == 0, $"nbclient failed ({exit}): {stderr[^Math.Min(stderr.Length, 3000)..]}");

        // What Jupyter saved: no compiler warning block, no progress line saved before its end.
        var saved = NotebookRun.Parse(Notebook, executed, "", 0, TimeSpan.Zero, "");
        Assert.True(saved.Errors.Count == 0, saved.Describe());
        new NotebookExpectation(Charts: 2, Pngs: 2, MetricsTables: 1, LiveProgress: 1).AssertMetBy(saved);

        var export = new ProcessStartInfo("/usr/bin/python3") { WorkingDirectory = outDir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-m", "nbconvert", "--to", "html", executed }) export.ArgumentList.Add(arg);
        var (exported, _, exportErr) = Tools.Run(export, TimeSpan.FromMinutes(3), "nbconvert --to html");
        Assert.True(exported == 0, $"nbconvert failed ({exported}): {exportErr}");

        var page = Chromium.Check(Path.ChangeExtension(executed, ".html"));
        Assert.True(page.Problems.Count == 0, string.Join("; ", page.Problems));
        Assert.Equal(saved.ChartOutputs, page.Charts);
        Assert.Equal(page.Charts, page.Drawn);
        Assert.Equal(page.Images, page.Decoded);
    }

    private static string? JupyterMissing()
    {
        if (!File.Exists("/usr/bin/python3")) return "no /usr/bin/python3";
        var probe = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-c", "import nbclient, nbconvert, jupyter_client; print(jupyter_client.kernelspec.find_kernel_specs().get('.net-csharp', ''))" })
            probe.ArgumentList.Add(arg);
        var (exit, stdout, stderr) = Tools.Run(probe, TimeSpan.FromMinutes(1), "python3 -c import nbclient");
        if (exit != 0) return $"nbclient/nbconvert missing (python3-nbclient, python3-nbconvert): {stderr.Trim()}";
        return stdout.Trim().Length == 0 ? "no .net-csharp Jupyter kernel (dotnet tool run dotnet-interactive -- jupyter install)" : null;
    }

    private static string Py(string text) => "'" + text.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
}
