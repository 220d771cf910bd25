using System.Globalization;

namespace Asm.Research.Training.Output;

/// <summary>
/// Where a command keeps its runs when no <c>--out</c> is given: a new folder under <c>runs/</c> named by what ran
/// and when (<c>runs/compare-20261208-142501</c>), so minutes of training are never thrown away and a second run
/// never meets the first one's folder.
/// </summary>
public static class DefaultRunFolder
{
    /// <summary>The folder under which default run folders are made, relative to the working directory.</summary>
    public const string Root = "runs";

    /// <summary>A path that does not exist yet: <c>runs/&lt;kind&gt;-&lt;yyyyMMdd-HHmmss&gt;</c>, with "-2", "-3"… if taken.</summary>
    public static string New(string kind, DateTime now, string root = Root)
    {
        string stem = Path.Combine(root, $"{kind}-{now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");
        string path = stem;
        for (int n = 2; Directory.Exists(path) || File.Exists(path); n++) path = $"{stem}-{n}";
        return path;
    }
}
