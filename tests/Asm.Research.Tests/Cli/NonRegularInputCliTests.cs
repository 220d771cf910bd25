using System.Diagnostics;
using Asm.Research.Tests.Data;

namespace Asm.Research.Tests.Cli;

/// <summary>
/// Inputs that are not regular files: a FIFO would block the read forever and <c>/dev/zero</c> would be read until memory
/// runs out, so each is refused by name, quickly, with exit 2.
/// </summary>
public sealed class NonRegularInputCliTests : IClassFixture<TinyCheckpoint>, IDisposable
{
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(60);
    private readonly TinyCheckpoint _checkpoint;
    private readonly TestImages _files = new();

    public NonRegularInputCliTests(TinyCheckpoint checkpoint) => _checkpoint = checkpoint;

    public void Dispose() => _files.Dispose();

    private string Fifo(string relative)
    {
        string path = _files.PathOf(relative);
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    /// <summary>A Weizmann-layout folder of three horses; <paramref name="odd"/> makes the third image.</summary>
    private string Horses(Func<string, string> odd)
    {
        foreach (var name in new[] { "a", "b" })
        {
            _files.Jpeg($"horses/rgb/{name}.jpg", 12, 9);
            _files.Jpeg($"horses/figure_ground/{name}.jpg", 12, 9, mask: true);
        }
        _files.Jpeg("horses/figure_ground/c.jpg", 12, 9, mask: true);
        odd(_files.PathOf("horses/rgb/c.jpg"));
        return Path.Combine(_files.Root, "horses");
    }

    private static void AssertRefused(CliProcess.Result result, string file, string kind)
    {
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Stderr}");
        Assert.Contains(file, result.Stderr);
        Assert.Contains($"is {kind}", result.Stderr);
        Assert.Contains("not a regular file", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    private static CliProcess.Result Run(params string[] args) => CliProcess.Run(new Dictionary<string, string>(), Quickly, args);

    [Fact]
    public void A_fifo_among_the_training_images_is_refused_by_name()
    {
        if (!OperatingSystem.IsLinux()) return;
        string data = Horses(path => { File.Delete(path); return Fifo("horses/rgb/c.jpg"); });
        AssertRefused(Run(["train", "--method", "bce", "--data", data, "--out", _files.PathOf("run"), .. TinyCheckpoint.Flags]), "c.jpg", "a FIFO");
    }

    [Fact]
    public void Dev_zero_behind_a_symbolic_link_as_an_image_is_refused_by_name()
    {
        if (!OperatingSystem.IsLinux()) return;
        string data = Horses(path => File.CreateSymbolicLink(path, "/dev/zero").FullName);
        AssertRefused(Run(["train", "--method", "bce", "--data", data, "--out", _files.PathOf("run"), .. TinyCheckpoint.Flags]), "c.jpg", "a character device");
    }

    [Fact]
    public void A_fifo_as_the_sweep_file_is_refused_by_name()
    {
        if (!OperatingSystem.IsLinux()) return;
        string sweep = Fifo("sweep.json");
        AssertRefused(Run("sweep", "list", sweep), sweep, "a FIFO");
        AssertRefused(Run("sweep", "run", sweep, "--index", "0"), sweep, "a FIFO");
    }

    [Fact]
    public void A_fifo_as_the_predict_input_is_refused_by_name()
    {
        if (!OperatingSystem.IsLinux()) return;
        string input = Fifo("in.png");
        AssertRefused(Run("predict", "--checkpoint", _checkpoint.Run, "--input", input, "--out", _files.PathOf("out"), "--threads", "1"), input, "a FIFO");
    }
}
