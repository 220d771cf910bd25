using System.Diagnostics;
using System.Runtime.Intrinsics.X86;
using Asm.Research.Platform;

namespace Asm.Research.Tests.Platform;

/// <summary>The cache sizes in the oneDNN verdict's key, read from CPUID, against what Linux and glibc read.</summary>
public class CpuIdentityTests
{
    private const string SysfsCaches = "/sys/devices/system/cpu/cpu0/cache";

    [Fact]
    public void The_deterministic_cache_leaf_gives_the_caches_linux_lists()
    {
        if (!X86Base.IsSupported || !Directory.Exists(SysfsCaches)) return; // nothing to compare with
        var linux = Directory.GetDirectories(SysfsCaches, "index*").Order(StringComparer.Ordinal)
            .Select(folder => new CpuIdentity.Cache(
                int.Parse(Read(folder, "level")),
                Read(folder, "type") switch { "Data" => "d", "Instruction" => "i", _ => "" },
                long.Parse(Read(folder, "size").TrimEnd('K')) * 1024))
            .ToList();
        Assert.NotEmpty(linux);
        Assert.Equal(linux, CpuIdentity.Caches());
    }

    [Fact]
    public void On_amd_the_legacy_leaves_give_the_sizes_glibc_reports()
    {
        if (!X86Base.IsSupported || Vendor() != "AuthenticAMD") return; // the legacy leaves are AMD's
        var legacy = CpuIdentity.LegacyAmdCaches();
        Assert.Equal([GetConf("LEVEL1_DCACHE_SIZE"), GetConf("LEVEL2_CACHE_SIZE"), GetConf("LEVEL3_CACHE_SIZE")], legacy.Select(c => c.Bytes));
    }

    [Fact]
    public void The_description_names_both_views_of_the_caches()
    {
        if (!X86Base.IsSupported) return;
        string description = CpuIdentity.Describe();
        Assert.Contains($"; caches {string.Join(" ", CpuIdentity.Caches())}; legacy ", description);
        // Some VMs (2026-12-07: "Oxide Virtual Turin-like Processor") expose no deterministic cache leaf and no
        // sysfs cache folder: the key then rests on the legacy view, which must still be there.
        if (CpuIdentity.Caches().Count > 0) Assert.Matches(@"caches L1d \d+K", description);
        else if (Vendor() == "AuthenticAMD") Assert.Matches(@"legacy L1d \d+K", description);
    }

    private static string Read(string folder, string file) => File.ReadAllText(Path.Combine(folder, file)).Trim();

    private static string Vendor()
    {
        var (_, b, c, d) = X86Base.CpuId(0, 0);
        return string.Concat(new[] { b, d, c }.SelectMany(r => Enumerable.Range(0, 4).Select(i => (char)((r >> (8 * i)) & 0xff))));
    }

    private static long GetConf(string name)
    {
        using var process = Process.Start(new ProcessStartInfo("getconf", name) { RedirectStandardOutput = true })!;
        string text = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return long.Parse(text);
    }
}
