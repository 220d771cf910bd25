namespace Asm.Research.Tests.Cli;

/// <summary>What every refusal of bad input looks like: exit 2, stderr naming the culprit, no stack trace.</summary>
internal static class Refusal
{
    public static void Check(CliProcess.Result result, params string[] named)
    {
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Stdout}{result.Stderr}");
        foreach (var word in named) Assert.Contains(word, result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }
}
