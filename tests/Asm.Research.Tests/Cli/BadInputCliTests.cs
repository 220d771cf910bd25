using System.Diagnostics;
using Asm.Research.Platform;

namespace Asm.Research.Tests.Cli;

/// <summary>The command line as a careless or hostile user meets it: exit 2 with a message naming the culprit, and nothing of the user's lost.</summary>
public sealed class BadInputCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("asm-bad-cli-").FullName;

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static readonly string[] Tiny = CliTests.Tiny;

    private static void AssertRefused(CliProcess.Result result, params string[] named)
    {
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Stderr}");
        foreach (var word in named) Assert.Contains(word, result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr); // no stack trace
    }

    [Fact]
    public void Train_into_a_folder_holding_a_run_is_refused_and_force_keeps_other_files()
    {
        string output = Path.Combine(_dir, "run");
        var first = CliProcess.Run(["train", "--method", "bce", "--out", output, "--json", .. Tiny]);
        Assert.True(first.ExitCode == 0, first.Stderr);
        string result = File.ReadAllText(Path.Combine(output, "result.json"));
        File.WriteAllText(Path.Combine(output, "notes.txt"), "mine");

        AssertRefused(CliProcess.Run(["train", "--method", "bce", "--out", output, "--json", .. Tiny]), output, "--force");
        Assert.Equal(result, File.ReadAllText(Path.Combine(output, "result.json")));

        // Another --size: the checkpoint does not fit, and the finished run's result must survive the refusal.
        AssertRefused(CliProcess.Run(["train", "--method", "bce", "--out", output, "--resume", "--json", .. Tiny, "--size", "64"]), "data.size");
        Assert.Equal(result, File.ReadAllText(Path.Combine(output, "result.json")));

        var forced = CliProcess.Run(["train", "--method", "bce", "--out", output, "--force", "--json", .. Tiny]);
        Assert.True(forced.ExitCode == 0, forced.Stderr);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(output, "notes.txt")));
    }

    [Fact]
    public void Killing_the_asm_process_with_sigkill_also_stops_the_relaunched_child()
    {
        if (!OperatingSystem.IsLinux()) return;
        var environment = new Dictionary<string, string?> { [GlibcAllocator.TunablesVariable] = null, [GlibcAllocator.OptOutVariable] = null };
        string[] longRun = ["train", "--method", "bce", "--out", Path.Combine(_dir, "long"), "--json", .. Tiny, "--epochs", "10000"];
        using var parent = CliProcess.Start(environment, longRun);
        int child = 0;
        try
        {
            child = WaitFor(() => ChildrenOf(parent.Id).FirstOrDefault(), TimeSpan.FromSeconds(60));
            Assert.True(child > 0, "the relaunched child did not appear");
            parent.Kill(entireProcessTree: false); // SIGKILL to the parent alone
            Assert.True(WaitFor(() => IsGone(child) ? 1 : 0, TimeSpan.FromSeconds(20)) == 1, $"child {child} outlived its parent");
        }
        finally
        {
            if (!parent.HasExited) parent.Kill();
            if (child > 0 && !IsGone(child)) Process.GetProcessById(child).Kill();
        }
    }

    [Fact]
    public async Task Ctrl_c_sent_to_the_asm_process_alone_stops_the_relaunched_child_keeping_its_checkpoint()
    {
        if (!OperatingSystem.IsLinux()) return;
        string output = Path.Combine(_dir, "long");
        // Through env(1), which execs asm in its place: a test host started in the background ignores SIGINT, and so would asm.
        var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        start.Environment.Remove(GlibcAllocator.TunablesVariable);
        start.Environment.Remove(GlibcAllocator.OptOutVariable);
        foreach (var arg in (string[])["--default-signal=INT", "dotnet", Path.Combine(AppContext.BaseDirectory, "asm.dll"),
                     "train", "--method", "bce", "--out", output, "--json", .. Tiny, "--epochs", "10000"])
            start.ArgumentList.Add(arg);
        using var parent = Process.Start(start)!;
        _ = parent.StandardOutput.ReadToEndAsync();
        var stderr = parent.StandardError.ReadToEndAsync();
        int child = 0;
        try
        {
            child = WaitFor(() => ChildrenOf(parent.Id).FirstOrDefault(), TimeSpan.FromSeconds(60));
            Assert.True(child > 0, "the relaunched child did not appear");
            string manifest = Path.Combine(output, "checkpoint", "checkpoint.json");
            Assert.True(WaitFor(() => File.Exists(manifest) ? 1 : 0, TimeSpan.FromSeconds(90)) == 1, "no checkpoint was written");
            using (var kill = Process.Start("kill", ["-INT", parent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
            Assert.True(parent.WaitForExit(TimeSpan.FromSeconds(60)), "SIGINT to the asm process alone was ignored");
            Assert.True(WaitFor(() => IsGone(child) ? 1 : 0, TimeSpan.FromSeconds(20)) == 1, $"child {child} outlived its parent");
            string said = await stderr;
            Assert.Contains("cancelled", said);
            Assert.DoesNotContain("   at ", said);
            var resumed = CliProcess.Run(["eval", "--checkpoint", output]);
            Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        }
        finally
        {
            if (!parent.HasExited) parent.Kill();
            if (child > 0 && !IsGone(child)) Process.GetProcessById(child).Kill();
        }
    }

    private static int WaitFor(Func<int> probe, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            int value = probe();
            if (value != 0) return value;
            Thread.Sleep(100);
        }
        return 0;
    }

    private static IEnumerable<int> ChildrenOf(int parent)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid)) continue;
            string? stat = ReadStat(pid);
            // Fields after the command (which may hold spaces) start after the last ')': state, ppid, …
            if (stat is not null && stat[(stat.LastIndexOf(')') + 2)..].Split(' ') is [_, var ppid, ..] && ppid == parent.ToString())
                yield return pid;
        }
    }

    private static bool IsGone(int pid) => ReadStat(pid) is not { } stat || stat[stat.LastIndexOf(')') + 2] is 'Z' or 'X';

    private static string? ReadStat(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/stat"); }
        catch (IOException) { return null; }
    }
}
