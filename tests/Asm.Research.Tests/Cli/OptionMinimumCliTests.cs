namespace Asm.Research.Tests.Cli;

/// <summary>A whole-number option below its minimum is refused naming the option (not just "expected at least 1").</summary>
public sealed class OptionMinimumCliTests
{
    [Theory]
    [InlineData("bench", "--steps", "0")]
    [InlineData("bench", "--warmup", "0")]
    [InlineData("bench", "--steps", "-1")]
    [InlineData("predict", "--batch", "0")]
    [InlineData("sweep run", "--threads", "0")]
    public void Names_the_option_and_its_value(string command, string option, string value)
    {
        var result = CliProcess.Run([.. command.Split(' '), .. command == "sweep run" ? new[] { "sweep.json" } : [], option, value]);
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Stderr}");
        Assert.Contains($"{option} '{value}': expected a whole number of at least", result.Stderr);
    }
}
