using Asm.Research.Reports;
using Asm.Research.Tests.Cli;
using Asm.Research.Training;

namespace Asm.Research.Tests.Training;

[Collection("Sequential")]
public sealed class MemoryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("asm-memory-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Resident_memory_stays_flat_over_fifty_asm_steps()
    {
        // A process of its own: measured inside the test host, whatever the suite allocated before
        // (other tests' heaps, thread pools) moved RSS by 40+ MB and failed CI with no leak in training.
        // 16 images / batch 4 = 4 steps an epoch: 13 epochs = 52 steps, evaluated every epoch; 64×64 so that
        // a leaked step (activations, gradients) costs megabytes. The trainer records RSS after each epoch
        // (after malloc_trim, which returns only pages glibc holds free: a leaked tensor stays counted).
        string output = Path.Combine(_dir, "run");
        // 52 steps take 25–35 s, but with both cores busy the test once failed after 3 minutes (2026-12-02,
        // message not kept): the default bound. A timeout there is load, not a leak.
        var result = CliProcess.Run(new Dictionary<string, string> { ["ASM_ALLOCATOR"] = "default" }, TimeSpan.FromMinutes(10),
            "train", "--method", "asm", "--size", "64", "--epochs", "13", "--batch", "4", "--threads", "2", "--out", output,
            "--set", "data.syntheticTrain=16", "--set", "data.syntheticTest=8", "--set", "data.prefetch=1", "--set", "predictor.width=8");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var epochs = ReportRecords.ReadEpochs(Path.Combine(output, ExperimentRunner.EpochsFile));
        Assert.Equal(13, epochs.Count);
        Assert.True(epochs[^1].Step >= 50);
        double atStep12 = epochs[2].ResidentMegabytes, atStep52 = epochs[^1].ResidentMegabytes;
        Assert.True(atStep12 > 0, "no resident memory recorded");
        Assert.True(atStep52 - atStep12 < 40, $"RSS grew {atStep52 - atStep12:0} MB between step 12 ({atStep12:0} MB) and step 52 ({atStep52:0} MB)");
    }
}
