using System.Text.Json;
using Asm.Research.Configuration;
using Asm.Research.Metrics;
using Asm.Research.Tests.Cli;
using Asm.Research.Training;

namespace Asm.Research.Tests.Sweeps;

/// <summary>
/// Records no run can have written (scores outside [0, 1], huge values whose mean is infinite, negative times) are
/// skipped by <c>summarize</c> naming the file and the value, and never stop it with a stack trace.
/// </summary>
public sealed class ImplausibleRecordsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("asm-implausible-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string folder, int seed, double iou, double seconds = 60)
    {
        var scores = new SegmentationScores(4, iou, 0.5, 0.5, 0.9, 0.4, 0.3);
        var record = new RunResult { Method = "bce", Seed = seed, Test = scores, TestOriginal = scores, TrainSeconds = seconds, Epochs = 1, Size = 32, Data = "synthetic" };
        string path = Path.Combine(_dir, folder, "result.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, ConfigJson.Serialize(record));
        return path;
    }

    [Fact]
    public void Summarize_json_skips_them_and_pools_the_rest()
    {
        // Two scores near double's maximum: their sum, and so the mean, would be infinite, which JSON cannot write.
        string huge = Write("huge-a", 0, 1e308);
        Write("huge-b", 1, 1.5e308);
        string negative = Write("negative", 2, -7);
        string slow = Write("slow", 3, 0.5, seconds: -1);
        Write("fine", 4, 0.6);

        var result = CliProcess.Run("summarize", "--records", _dir, "--json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.Contains($"skipped {huge}: implausible: test.iou = 1E+308", result.Stderr);
        Assert.Contains($"skipped {negative}: implausible: test.iou = -7", result.Stderr);
        Assert.Contains($"skipped {slow}: implausible: train_seconds = -1", result.Stderr);
        var summary = JsonDocument.Parse(result.LastLine).RootElement;
        Assert.Equal(1, summary.GetProperty("runs").GetInt32());
        Assert.Equal(0.6, summary.GetProperty("summary").GetProperty("bce").GetProperty("iou")[0].GetDouble(), 12);
    }

    [Fact]
    public void Only_implausible_records_are_a_usage_error_not_a_crash()
    {
        Write("huge-a", 0, 1e308);
        Write("huge-b", 1, 1.5e308);
        var result = CliProcess.Run("summarize", "--records", _dir, "--json");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no complete run records", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }
}
