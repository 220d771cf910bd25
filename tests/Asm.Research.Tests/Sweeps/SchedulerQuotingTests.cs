using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Asm.Research.Sweeps;
using Asm.Research.Tests.Cli;

namespace Asm.Research.Tests.Sweeps;

/// <summary><c>asm sweep slurm</c> and <c>k8s</c> with hostile values: no value becomes a command, and what cannot be quoted is refused.</summary>
public sealed class SchedulerQuotingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("asm-sched-quote-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Marker => Path.Combine(_dir, "injected");

    private string SweepNamed(string name)
    {
        string path = Path.Combine(_dir, "sweep.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["name"] = name, ["root"] = "out", ["seeds"] = new[] { 0 },
            ["axes"] = new[] { new Dictionary<string, object> { ["method"] = new[] { "bce" } } },
        }));
        return path;
    }

    [Fact]
    public void A_sweep_name_with_line_breaks_stays_in_its_comment_and_runs_nothing()
    {
        var result = CliProcess.Run("sweep", "slurm", SweepNamed($"s\ntouch {Marker}\n#"), "--asm", "true", "--partition", "gpu");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var lines = result.Stdout.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("# asm sweep 's\\ntouch ", StringComparison.Ordinal));
        // Every line before `set -eu` is a comment or directive, so sbatch still reads the partition.
        int firstCommand = Array.FindIndex(lines, l => l.Length > 0 && !l.StartsWith('#'));
        Assert.Equal("set -eu", lines[firstCommand]);
        Assert.Contains("#SBATCH --partition=gpu", lines[..firstCommand]);

        RunScript(result.Stdout);
        Assert.False(File.Exists(Marker), "the sweep's name ran as a command");
    }

    [Fact]
    public void Asm_with_quotes_and_shell_metacharacters_is_one_quoted_word()
    {
        string asm = $"x'; touch {Marker}; echo '$(touch {Marker})`touch {Marker}`";
        var result = CliProcess.Run("sweep", "slurm", SweepNamed("s"), "--asm", asm);
        Assert.True(result.ExitCode == 0, result.Stderr);
        RunScript(result.Stdout);
        Assert.False(File.Exists(Marker), "--asm ran as a command");
    }

    [Theory]
    [InlineData("--partition", "gpu\n#SBATCH --x", "a line break")]
    [InlineData("--partition", "gpu\u2028x", "a line break")]
    [InlineData("--mem", "8G; rm -rf x", "a space")]
    [InlineData("--time", "01:00:00#x", "'#'")]
    public void Directive_values_that_sbatch_cannot_read_safely_are_refused(string option, string value, string problem)
    {
        var result = CliProcess.Run("sweep", "slurm", SweepNamed("s"), option, value);
        Refusal.Check(result, option, problem);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void A_root_with_a_line_break_is_refused_before_any_folder_is_made()
    {
        string root = Path.Combine(_dir, "r\n#SBATCH --x");
        Refusal.Check(CliProcess.Run("sweep", "slurm", SweepNamed("s"), "--root", root), "--root");
        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public void Kubernetes_command_values_are_not_expanded_and_line_separators_stay_escaped()
    {
        var result = CliProcess.Run("sweep", "k8s", SweepNamed("s\u2028x\u0085y"), "--image", "img", "--asm", "a$(JOB_COMPLETION_INDEX)");
        Assert.True(result.ExitCode == 0, result.Stderr);
        // YAML 1.1 readers (kubectl's) take U+0085, U+2028 and U+2029 as line breaks even inside quotes.
        Assert.DoesNotContain(result.Stdout, c => c is '\u0085' or '\u2028' or '\u2029');
        var documents = YamlSubset.Documents(result.Stdout);
        var command = documents[1]["spec"]!["template"]!["spec"]!["containers"]![0]!["command"]!.AsArray();
        Assert.Equal("a$$(JOB_COMPLETION_INDEX)", (string?)command[0]); // Kubernetes reads $$ as '$'
        Assert.Equal("$(JOB_COMPLETION_INDEX)", (string?)command[command.Count - 3]);
        Assert.Contains("s\u2028x\u0085y", (string?)documents[0]["data"]!["sweep.json"] is { } text ? JsonNode.Parse(text)!["name"]!.GetValue<string>() : "");
    }

    [Fact]
    public void Shell_words_round_trip_through_bash()
    {
        string word = "a b'c\"d$e`f\\g\nh\u2028i;j";
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"printf %s {SlurmText.ShellWord("x", word)}");
        using var bash = Process.Start(start)!;
        string output = bash.StandardOutput.ReadToEnd();
        bash.WaitForExit();
        Assert.Equal(word, output);
        Assert.Throws<SweepException>(() => SlurmText.ShellWord("x", "a\0b"));
    }

    // Runs the script as a task would (its exec fails harmlessly: `true` or a made-up name).
    private void RunScript(string script)
    {
        string path = Path.Combine(_dir, "job.sh");
        File.WriteAllText(path, script);
        var start = new ProcessStartInfo("bash", [path]) { WorkingDirectory = _dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in new[] { ("SLURM_ARRAY_TASK_ID", "0"), ("SLURM_JOB_ID", "1"), ("SLURM_CPUS_PER_TASK", "1") })
            start.Environment[name] = value;
        using var bash = Process.Start(start)!;
        bash.StandardOutput.ReadToEnd();
        bash.StandardError.ReadToEnd();
        bash.WaitForExit();
    }
}
