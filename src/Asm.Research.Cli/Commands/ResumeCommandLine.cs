using Asm.Research.Sweeps;

namespace Asm.Research.Cli.Commands;

/// <summary>The command line that resumes an interrupted <c>asm train</c>: what the user typed, made to resume, quoted for a shell.</summary>
public static class ResumeCommandLine
{
    /// <summary>
    /// <paramref name="arguments"/> (from the command's name on) with <c>--force</c> dropped (it would start over),
    /// <c>--resume</c> added, and <c>--out</c> <paramref name="output"/> added when the run used the default folder.
    /// </summary>
    public static string ForTrain(IReadOnlyList<string> arguments, string output)
    {
        var words = arguments.Where(a => a != "--force").ToList();
        if (!words.Any(a => a == "--out" || a.StartsWith("--out=", StringComparison.Ordinal))) words.AddRange(["--out", output]);
        if (!words.Contains("--resume")) words.Add("--resume");
        return Of(words);
    }

    /// <summary>The command that resumes one sweep run (<c>sweep run</c> resumes from the run's checkpoint by itself).</summary>
    public static string ForSweepRun(string sweepFile, int index) =>
        Of(["sweep", "run", sweepFile, "--index", index.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

    private static string Of(IEnumerable<string> words) => "asm " + string.Join(' ', words.Select(w => SlurmText.ShellWord("argument", w)));
}
