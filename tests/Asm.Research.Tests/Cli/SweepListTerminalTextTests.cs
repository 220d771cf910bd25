using System.Text.Json;

namespace Asm.Research.Tests.Cli;

/// <summary><c>asm sweep list</c> prints names from the sweep file with their control characters replaced, as summarize does.</summary>
public sealed class SweepListTerminalTextTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("asm-sweep-list-text-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Escape_sequences_in_the_sweep_name_never_reach_the_terminal()
    {
        string path = Path.Combine(_dir, "sweep.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["name"] = "study\u001b]0;pwned\u0007\u001b[2J\u2028x", ["root"] = "out", ["seeds"] = new[] { 0 },
            ["axes"] = new[] { new Dictionary<string, object> { ["method"] = new[] { "bce" } } },
        }));
        var result = CliProcess.Run("sweep", "list", path);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("study?]0;pwned??[2J?x", result.Stdout);
        Assert.DoesNotContain(result.Stdout, c => c is '\u001b' or '\u0007' or '\u2028');
    }
}
