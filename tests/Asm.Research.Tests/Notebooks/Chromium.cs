using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Asm.Research.Tests.Notebooks;

/// <summary>What headless Chromium found in a page after its scripts ran.</summary>
/// <param name="Charts">Chart containers (<c>.asm-plotly</c>).</param>
/// <param name="Drawn">Containers in which plotly drew an SVG with at least one trace.</param>
/// <param name="Images">&lt;img&gt; elements.</param>
/// <param name="Decoded">Images that decoded (<c>naturalWidth &gt; 0</c>).</param>
/// <param name="Problems">What did not draw or decode.</param>
public sealed record PageCheck(int Charts, int Drawn, int Images, int Decoded, IReadOnlyList<string> Problems);

/// <summary>
/// Debian's chromium, headless, offline: loads a copy of a page with a small script added that writes
/// into the DOM whether every chart drew and every image decoded, and reads the DOM back (--dump-dom).
/// </summary>
internal static partial class Chromium
{
    private static readonly Lazy<string?> Executable = new(() =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists));

    /// <summary>The browser, or null when it is not installed (.ci/browser.sh installs it).</summary>
    public static string? Path => Executable.Value;

    private const string Probe = """
        <script>
        window.addEventListener('load', function () { setTimeout(function () {
          var problems = [], drawn = 0, decoded = 0;
          var charts = document.querySelectorAll('.asm-plotly');
          charts.forEach(function (c, i) {
            var traces = c.querySelectorAll('.main-svg .trace, .main-svg .barlayer .point, .main-svg .scatterlayer .trace, .main-svg .heatmaplayer .hm').length;
            if (c.querySelector('.main-svg') && traces > 0) drawn++; else problems.push('chart ' + i + ' (' + c.id + ') did not draw');
          });
          var images = document.images;
          for (var i = 0; i < images.length; i++) {
            if (images[i].complete && images[i].naturalWidth > 0) decoded++; else problems.push('image ' + i + ' (' + images[i].alt + ') did not decode');
          }
          var out = document.createElement('pre');
          out.id = 'asm-page-check';
          out.textContent = JSON.stringify({ charts: charts.length, drawn: drawn, images: images.length, decoded: decoded, problems: problems });
          document.body.appendChild(out);
        }, 1000); });
        </script>
        """;

    /// <summary>Loads <paramref name="htmlPath"/> (a copy with the probe added, beside it) and returns what the probe found.</summary>
    public static PageCheck Check(string htmlPath)
    {
        string browser = Path ?? throw new InvalidOperationException("chromium is not installed");
        string html = File.ReadAllText(htmlPath);
        int end = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        string probed = end < 0 ? html + Probe : html[..end] + Probe + html[end..];
        string copy = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(htmlPath)!, System.IO.Path.GetFileNameWithoutExtension(htmlPath) + ".probe.html");
        File.WriteAllText(copy, probed);
        string profile = Directory.CreateTempSubdirectory("asm-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(browser) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                                        "--disable-sync", "--no-first-run", $"--user-data-dir={profile}", "--virtual-time-budget=30000",
                                        "--dump-dom", new Uri(copy).AbsoluteUri })
                start.ArgumentList.Add(arg);
            var (exit, dom, stderr) = Tools.Run(start, TimeSpan.FromMinutes(3), $"chromium --dump-dom {System.IO.Path.GetFileName(copy)}");
            var found = Result().Match(dom);
            if (!found.Success)
                throw new Xunit.Sdk.XunitException($"chromium (exit {exit}) wrote no page check for {htmlPath}; stderr: {stderr[..Math.Min(stderr.Length, 2000)]}");
            using var json = JsonDocument.Parse(System.Net.WebUtility.HtmlDecode(found.Groups[1].Value));
            var root = json.RootElement;
            return new PageCheck(root.GetProperty("charts").GetInt32(), root.GetProperty("drawn").GetInt32(), root.GetProperty("images").GetInt32(),
                root.GetProperty("decoded").GetInt32(), root.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToList());
        }
        finally { Directory.Delete(profile, recursive: true); }
    }

    [GeneratedRegex("<pre id=\"asm-page-check\">(.*?)</pre>", RegexOptions.Singleline)]
    private static partial Regex Result();
}

/// <summary>A fact that runs only where chromium is installed, and otherwise says why it skipped.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.Path is null) Skip = "chromium is not installed (Debian: apt-get install chromium; .ci/browser.sh does it)";
    }
}
