using System.Text.RegularExpressions;
using Asm.Research.Platform;

namespace Asm.Research.Tests.Platform;

public sealed class RunEnvironmentTests
{
    [Fact]
    public void The_cpu_model_is_the_first_model_name_line_and_unknown_without_one()
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 9B14 96-Core Processor\n\nprocessor\t: 1\nmodel name\t: other\n");
            Assert.Equal("AMD EPYC 9B14 96-Core Processor", RunEnvironment.CpuModelOf(file));
            File.WriteAllText(file, "processor\t: 0\n");
            Assert.Equal("unknown", RunEnvironment.CpuModelOf(file));
        }
        finally
        {
            File.Delete(file);
        }
        Assert.Equal("unknown", RunEnvironment.CpuModelOf("/no/such/cpuinfo"));
    }

    [Fact]
    public void The_kit_version_is_the_commit_stamped_at_build_time()
    {
        // Built from a git checkout (as here and in CI): a full commit hash, never empty.
        Assert.Matches(new Regex("^[0-9a-f]{40}$"), RunEnvironment.Capture(1).KitVersion);
        Assert.Equal("unknown", RunEnvironment.KitVersionOf(typeof(Xunit.FactAttribute).Assembly));
    }

    [Fact]
    public void Threads_zero_means_one_per_core()
    {
        Assert.Equal(Environment.ProcessorCount, RunEnvironment.Capture(0).Threads);
        Assert.Equal(3, RunEnvironment.Capture(3).Threads);
    }
}
