using Asm.Research.Platform;
using Asm.Research.Reports;

namespace Asm.Research.Cli.Output;

/// <summary>
/// The <c>--report FILE.html</c> of train, compare and eval (and <c>asm report --out</c>): checked before any
/// work starts, written when it ends. An existing file is replaced only when it is a report the kit wrote, so
/// a re-run refreshes its page and nothing else of the user's is overwritten.
/// </summary>
internal sealed class ReportFile
{
    private ReportFile(string path) => Path = path;

    /// <summary>The page's full path.</summary>
    public string Path { get; }

    /// <summary>The checked path, or null when no report was asked for.</summary>
    /// <exception cref="UsageException">Not an .html name, a folder, under a file, or a file the kit did not write.</exception>
    public static ReportFile? From(string? path, string option = "--report")
    {
        if (path is null) return null;
        string full = System.IO.Path.GetFullPath(path);
        string extension = System.IO.Path.GetExtension(full);
        if (!extension.Equals(".html", StringComparison.OrdinalIgnoreCase) && !extension.Equals(".htm", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"{option} '{path}': expected a file name ending in .html");
        if (Directory.Exists(full))
            throw new UsageException($"{option}: {full} is a folder; give the page's file name (e.g. {System.IO.Path.Combine(path, "report.html")})");
        OutputPlace.RequireFileFolder(option, full);
        if (File.Exists(full) && !IsKitReport(full))
            throw new UsageException($"{option}: {full} exists and is not a report the kit wrote; nothing was changed (remove it or choose another name)");
        return new ReportFile(full);
    }

    /// <summary>Writes the page (atomically) and says where.</summary>
    public void Write(HtmlReport report, Reporter reporter)
    {
        report.Save(Path);
        reporter.Info($"report: {Path} ({report.ChartCount} charts, {report.ImageCount} images)");
    }

    private static bool IsKitReport(string file) =>
        InputFile.ReadAllText(file).Contains($"id=\"{RunReport.DataElementId}\"", StringComparison.Ordinal);
}
