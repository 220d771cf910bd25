using System.Text.Json;

namespace Asm.Research.Tests.Cli;

/// <summary><c>asm data</c>: a dataset described before anything trains on it.</summary>
public sealed class DataCommandTests
{
    private static readonly string[] Scenes = ["data", "--data", "scenes", "--size", "32x48", "--set", "data.syntheticTrain=8", "--set", "data.syntheticTest=4"];

    [Fact]
    public void Multi_class_data_gets_each_splits_class_shares_at_both_sizes()
    {
        var result = CliProcess.Run([.. Scenes, "--json"]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var doc = JsonDocument.Parse(result.LastLine);
        var root = doc.RootElement;
        Assert.Equal(8, root.GetProperty("train").GetInt32());
        Assert.Equal(4, root.GetProperty("test").GetInt32());
        foreach (var split in new[] { "train", "test" })
            foreach (var size in new[] { "working", "original" })
            {
                var shares = root.GetProperty("class_shares").GetProperty(split).GetProperty(size).EnumerateArray().Select(s => s.GetDouble()).ToList();
                Assert.Equal(6, shares.Count);
                Assert.Equal(1, shares.Sum(), 6); // shares of the labelled (non-void) pixels
            }

        var markdown = CliProcess.Run([.. Scenes, "--markdown"]);
        Assert.True(markdown.ExitCode == 0, markdown.Stderr);
        Assert.StartsWith("| class | train at 32×48 | train at own size | test at 32×48 | test at own size |", markdown.Stdout);
        Assert.Contains("| sky |", markdown.Stdout);
    }

    [Fact]
    public void Keys_other_than_data_and_a_class_table_of_figure_ground_data_are_refused()
    {
        var other = CliProcess.Run([.. Scenes, "--set", "training.epochs=3"]);
        Assert.Equal(2, other.ExitCode);
        Assert.Contains("--set training.epochs=3", other.Stderr);

        var horses = CliProcess.Run("data", "--data", "synthetic", "--size", "32", "--set", "data.syntheticTrain=4", "--set", "data.syntheticTest=2", "--markdown");
        Assert.Equal(2, horses.ExitCode);
        Assert.Contains("figure-ground", horses.Stderr);
        Assert.DoesNotContain("   at ", horses.Stderr);
    }

    [Fact]
    public void The_camvid_class_share_table_in_results_md_is_what_asm_data_prints()
    {
        Assert.True(Directory.Exists(TestPaths.CamVidFolder), $"CamVid not found at {TestPaths.CamVidFolder}");
        var result = CliProcess.Run("data", "--data", TestPaths.CamVidFolder, "--size", "144x192", "--markdown");
        Assert.True(result.ExitCode == 0, result.Stderr);
        string results = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "RESULTS.md"));
        const string start = "<!-- asm data --data ../shared/data/camvid --size 144x192 --markdown -->", end = "<!-- /asm data -->";
        int a = results.IndexOf(start, StringComparison.Ordinal) + start.Length;
        Assert.True(a >= start.Length, "RESULTS.md has no asm data block");
        Assert.Equal(result.Stdout.Trim(), results[a..results.IndexOf(end, a, StringComparison.Ordinal)].Trim());
    }
}
