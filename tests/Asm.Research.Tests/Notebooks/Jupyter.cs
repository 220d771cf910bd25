using System.Diagnostics;

namespace Asm.Research.Tests.Notebooks;

/// <summary>
/// The Jupyter route, as a Jupyter front end runs a notebook: nbclient with the <c>.net-csharp</c> kernel
/// (the local dotnet-interactive tool), then nbconvert to HTML. Debian's python (<c>/usr/bin/python3</c>),
/// which the python3-nbclient/-nbconvert packages serve; a pyenv shim on PATH may lack them.
/// </summary>
internal static class Jupyter
{
    private const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> MissingProbe = new(Probe);

    /// <summary>Why the Jupyter route cannot run here, or null when it can (.ci/browser.sh installs what it needs).</summary>
    public static string? Missing => MissingProbe.Value;

    /// <summary>
    /// Executes <paramref name="notebookPath"/> in its own folder under <paramref name="mode"/> (the kernel inherits
    /// <c>ASM_NOTEBOOK_MODE</c>) and saves the executed copy in <paramref name="outDir"/>, also when a cell fails
    /// (nbclient then exits non-zero). Returns the saved path and nbclient's exit code and error output.
    /// </summary>
    public static (string Executed, int Exit, string StdErr) Execute(string notebookPath, string outDir, string mode = "smoke")
    {
        Directory.CreateDirectory(outDir);
        string executed = Path.Combine(outDir, Path.GetFileName(notebookPath));
        File.Delete(executed);
        string folder = Path.GetDirectoryName(Path.GetFullPath(notebookPath))!;
        string script = $$$"""
            import nbformat, nbclient
            nb = nbformat.read({{{Py(notebookPath)}}}, as_version=4)
            try:
                nbclient.NotebookClient(nb, timeout=900, kernel_name='.net-csharp', resources={'metadata': {'path': {{{Py(folder)}}}}}).execute()
            finally:
                nbformat.write(nb, {{{Py(executed)}}})
            """;
        var start = Start(folder, "-c", script);
        start.Environment["ASM_NOTEBOOK_MODE"] = mode;
        var (exit, _, stderr) = Tools.Run(start, TimeSpan.FromMinutes(15), $"nbclient {Path.GetFileName(notebookPath)}");
        return (executed, exit, stderr);
    }

    /// <summary>Exports an executed notebook with <c>nbconvert --to html</c>; returns the HTML file's path.</summary>
    public static string ExportHtml(string executed)
    {
        var (exit, _, stderr) = Tools.Run(Start(Path.GetDirectoryName(executed)!, "-m", "nbconvert", "--to", "html", executed),
                                          TimeSpan.FromMinutes(3), "nbconvert --to html");
        Assert.True(exit == 0, $"nbconvert failed ({exit}): {stderr}");
        return Path.ChangeExtension(executed, ".html");
    }

    private static string? Probe()
    {
        if (!File.Exists(Python)) return $"no {Python}";
        var start = Start(Directory.GetCurrentDirectory(), "-c",
            "import nbclient, nbconvert, jupyter_client; print(jupyter_client.kernelspec.find_kernel_specs().get('.net-csharp', ''))");
        var (exit, stdout, stderr) = Tools.Run(start, TimeSpan.FromMinutes(1), "python3 -c import nbclient");
        if (exit != 0) return $"nbclient/nbconvert missing (python3-nbclient, python3-nbconvert; .ci/browser.sh installs them): {stderr.Trim()}";
        return stdout.Trim().Length == 0 ? "no .net-csharp Jupyter kernel (dotnet tool run dotnet-interactive -- jupyter install; .ci/browser.sh does it)" : null;
    }

    private static ProcessStartInfo Start(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(Python) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return start;
    }

    private static string Py(string text) => "'" + text.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
}

/// <summary>A theory that runs only where chromium and the Jupyter route are installed, and otherwise says why it skipped.</summary>
public sealed class JupyterTheoryAttribute : TheoryAttribute
{
    public JupyterTheoryAttribute()
    {
        if (Chromium.Path is null) Skip = "chromium is not installed (Debian: apt-get install chromium; .ci/browser.sh does it)";
        else if (Jupyter.Missing is { } missing) Skip = $"Jupyter route not available: {missing}";
    }
}
