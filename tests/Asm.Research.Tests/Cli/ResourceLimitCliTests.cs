using Asm.Research.Tests.Data;

namespace Asm.Research.Tests.Cli;

/// <summary>What the machine cannot give is refused up front or worked around, in one line: memory, a cache folder.</summary>
public sealed class ResourceLimitCliTests : IDisposable
{
    private readonly TestImages _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Bench_refuses_a_case_that_cannot_fit_in_memory_before_timing_anything()
    {
        // One image: were the case not refused first, loading it would fail on the missing images, never allocating the case.
        _files.Jpeg("horses/rgb/horse001.jpg", 32, 32);
        _files.Jpeg("horses/figure_ground/horse001.jpg", 32, 32, mask: true);
        var result = CliProcess.Run(new Dictionary<string, string> { ["ONEDNN_MAX_CPU_ISA"] = "AVX" },
            "bench", "--methods", "bce", "--sizes", "2048", "--batches", "4096", "--steps", "1", "--warmup", "1", "--data", _files.PathOf("horses"));
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Stderr}");
        Assert.Contains("memory", result.Stderr);
        Assert.Contains("--batches", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public async Task A_cache_folder_that_cannot_be_written_leaves_the_run_working_and_says_so_once()
    {
        // /dev/null is a file, so nothing can be made under it (root ignores a read-only mode; this it cannot).
        var environment = new Dictionary<string, string?>
        {
            ["XDG_CACHE_HOME"] = "/dev/null/cache", ["HOME"] = "/dev/null",
            // The self-check must run (and write its verdict and the patched shim somewhere).
            ["ONEDNN_MAX_CPU_ISA"] = null, ["ASM_ONEDNN_ISA_REASON"] = null,
        };
        string run = _files.PathOf("run");
        using var process = CliProcess.Start(environment, ["train", "--method", "bce", "--out", run, "--json", .. CliTests.Tiny]);
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "the run did not finish");
        string said = await stderr;
        Assert.True(process.ExitCode == 0, said);
        Assert.Single(said.Split('\n'), line => line.Contains("no usable cache folder") && line.Contains("/dev/null/cache"));
        Assert.DoesNotContain("exited with code", said); // the self-check's children ran too
        Assert.True(File.Exists(Path.Combine(run, "result.json")));
    }
}
