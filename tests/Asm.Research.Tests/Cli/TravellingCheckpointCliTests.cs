using System.Text.Json.Nodes;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Asm.Research.Tests.Cli;

/// <summary>Checkpoints taken to another machine: fewer cores, and files whose integrity the manifest must vouch for.</summary>
public sealed class TravellingCheckpointCliTests(TinyCheckpoint tiny) : IClassFixture<TinyCheckpoint>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("asm-travel-cli-").FullName;

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    // The tiny flags with --threads 2 (index 7) in place of 1.
    private static readonly string[] TwoThreads = [.. TinyCheckpoint.Flags.Select((flag, i) => i == 7 ? "2" : flag)];

    [Fact]
    public void A_checkpoint_trained_with_more_threads_than_this_machine_has_cores_is_used_for_every_command()
    {
        Assert.Equal(["--threads", "2"], TwoThreads[6..8]);
        string run = Path.Combine(_dir, "run");
        // DOTNET_PROCESSOR_COUNT is the core count .NET reports: a 2-core machine trains, a 1-core one uses the result.
        var twoCores = new Dictionary<string, string> { ["DOTNET_PROCESSOR_COUNT"] = "2" };
        var oneCore = new Dictionary<string, string> { ["DOTNET_PROCESSOR_COUNT"] = "1" };
        var train = CliProcess.Run(twoCores, ["train", "--method", "bce", "--out", run, "--json", .. TwoThreads]);
        Assert.True(train.ExitCode == 0, train.Stderr);
        Assert.Contains("\"threads\": 2", File.ReadAllText(Path.Combine(run, "checkpoint", "checkpoint.json")));

        string images = Path.Combine(_dir, "photos");
        Directory.CreateDirectory(images);
        using (var photo = new Image<Rgb24>(40, 30)) photo.SaveAsPng(Path.Combine(images, "a.png"));
        string[][] commands =
        [
            ["eval", "--checkpoint", run, "--json"],
            ["predict", "--checkpoint", run, "--input", images, "--out", Path.Combine(_dir, "masks")],
            ["export", "--checkpoint", run, "--out", Path.Combine(_dir, "s.pt")],
            ["report", "--records", run, "--out", Path.Combine(_dir, "report.html")],
            // Without --threads: one per core here, where the checkpoint recorded 2.
            ["train", "--method", "bce", "--out", run, "--resume", "--json", .. TinyCheckpoint.Flags.Where((_, i) => i is not (6 or 7))],
        ];
        foreach (var command in commands)
        {
            var result = CliProcess.Run(oneCore, command);
            Assert.True(result.ExitCode == 0, $"asm {command[0]}: exit {result.ExitCode}: {result.Stderr}");
        }
        // A request is still held to this machine's cores.
        var refused = CliProcess.Run(oneCore, ["eval", "--checkpoint", run, "--threads", "2"]);
        Assert.True(refused.ExitCode == 2, refused.Stderr);
        Assert.Contains("--threads", refused.Stderr);
    }

    [Fact]
    public void A_state_file_the_manifest_lists_no_hash_for_is_refused_not_loaded()
    {
        string copy = Path.Combine(_dir, "copy");
        CopyFolder(tiny.Run, copy);
        string manifestPath = Path.Combine(copy, "checkpoint", "checkpoint.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        Assert.True(manifest["files"]!.AsObject().Remove("predictor.tensors"));
        File.WriteAllText(manifestPath, manifest.ToJsonString());

        foreach (var command in new[] { "eval", "export" })
        {
            var result = CliProcess.Run([command, "--checkpoint", copy, .. command == "export" ? ["--out", Path.Combine(_dir, "s.pt")] : Array.Empty<string>()]);
            Assert.True(result.ExitCode == 2, $"asm {command}: exit {result.ExitCode}: {result.Stderr}");
            Assert.Contains("predictor.tensors", result.Stderr);
            Assert.Contains("cannot be verified", result.Stderr);
            Assert.DoesNotContain("   at ", result.Stderr);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
