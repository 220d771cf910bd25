namespace Asm.Research.Tests.Cli;

/// <summary>How a refusal of bad input looks from outside: exit 2, one message naming the culprits, no stack trace.</summary>
internal static class CliAssert
{
    /// <summary>Asserts <paramref name="result"/> is a refusal whose stderr contains every one of <paramref name="named"/>.</summary>
    public static void Refused(CliProcess.Result result, params string[] named)
    {
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Stderr}");
        foreach (var word in named) Assert.Contains(word, result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }
}
