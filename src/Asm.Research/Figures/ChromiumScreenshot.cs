using System.Diagnostics;
using Asm.Research.Platform;

namespace Asm.Research.Figures;

/// <summary>
/// Renders an HTML page to PNG with a locally installed Chromium in headless mode (offline: the page
/// must carry everything it needs, e.g. plotly.js embedded). Used for chart figures, since ImageSharp
/// 2.1 alone draws no text or lines.
/// </summary>
public static class ChromiumScreenshot
{
    /// <summary>The environment variable that names the browser executable, overriding the search.</summary>
    public const string Variable = "ASM_CHROMIUM";

    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    /// <summary>The browser to use: <see cref="Variable"/> if set, else the first of chromium, chromium-browser, google-chrome on PATH; null if none.</summary>
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } set) return File.Exists(set) ? set : null;
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return Names.SelectMany(name => folders.Select(folder => Path.Combine(folder, name))).FirstOrDefault(File.Exists);
    }

    /// <summary>Writes a <paramref name="width"/>×<paramref name="height"/> screenshot of <paramref name="html"/> to <paramref name="png"/>.</summary>
    /// <exception cref="InvalidOperationException">No browser, or it failed or wrote no image.</exception>
    public static void Capture(string html, string png, int width, int height, TimeSpan? timeout = null)
    {
        string browser = Find() ?? throw new InvalidOperationException(
            $"no Chromium found (looked for {string.Join(", ", Names)} on PATH; set {Variable} to its path). On Debian: apt-get install chromium");
        string work = Directory.CreateTempSubdirectory("asm-chromium-").FullName;
        try
        {
            string page = Path.Combine(work, "page.html"), shot = Path.Combine(work, "shot.png");
            File.WriteAllText(page, html);
            var start = new ProcessStartInfo(browser) { RedirectStandardOutput = true, RedirectStandardError = true };
            // --no-sandbox: Chromium refuses to run as root with its sandbox; the page is our own file.
            // The virtual time budget lets the page's scripts finish drawing before the shot is taken.
            foreach (var arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                         $"--user-data-dir={Path.Combine(work, "profile")}", $"--window-size={width},{height}", "--virtual-time-budget=10000",
                         $"--screenshot={shot}", new Uri(page).AbsoluteUri })
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{browser} did not start");
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"{browser} did not finish the screenshot in time");
            }
            if (process.ExitCode != 0 || !File.Exists(shot))
                throw new InvalidOperationException($"{browser} wrote no screenshot (exit code {process.ExitCode}): {stderr.Result.Trim()}");
            AtomicFile.Write(png, stream =>
            {
                using var taken = File.OpenRead(shot);
                taken.CopyTo(stream);
            });
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { /* a browser helper still exiting; the temp folder is harmless */ }
        }
    }
}
