using System.Runtime.Intrinsics.X86;
using System.Text;

namespace Asm.Research.Platform;

/// <summary>
/// The CPU as the oneDNN self-check's cache key sees it: brand string, family/model/stepping, feature
/// bits and the cache sizes the CPU reports.
/// </summary>
/// <remarks>
/// Why the caches: oneDNN sizes its convolution blocking from them, and on this project's VM (same CPU
/// name, same family/model/stepping) the same kernels gave wrong narrow-channel gradients on 2026-12-01,
/// when glibc read the L3 as 508 MiB, and right ones on 2026-12-03 at 384 MiB (docs/ONEDNN.md). A verdict
/// must not travel between such hosts (e.g. cluster nodes sharing a home folder).
/// </remarks>
public static class CpuIdentity
{
    /// <summary>One cache as CPUID describes it.</summary>
    /// <param name="Level">1, 2, 3…</param>
    /// <param name="Kind">"d" (data), "i" (instruction) or "" (unified).</param>
    /// <param name="Bytes">Its size.</param>
    public sealed record Cache(int Level, string Kind, long Bytes)
    {
        /// <inheritdoc />
        public override string ToString() => $"L{Level}{Kind} {Bytes / 1024}K";
    }

    /// <summary>e.g. "AMD EPYC; signature 00b00f21; features …; caches L1d 48K L1i 32K L2 1024K L3 32768K; legacy L1d 48K L2 1024K L3 393216K"; "not x86" elsewhere.</summary>
    public static string Describe()
    {
        if (!X86Base.IsSupported) return $"not x86 ({System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture})";
        var brand = new StringBuilder();
        for (int leaf = unchecked((int)0x80000002); leaf <= unchecked((int)0x80000004); leaf++)
        {
            var (a, b, c, d) = X86Base.CpuId(leaf, 0);
            foreach (int register in new[] { a, b, c, d })
                for (int i = 0; i < 4; i++) brand.Append((char)((register >> (8 * i)) & 0xff));
        }
        var (signature, _, features1, features1d) = X86Base.CpuId(1, 0);
        var (_, features7b, features7c, features7d) = X86Base.CpuId(7, 0);
        return $"{brand.ToString().TrimEnd('\0').Trim()}; signature {signature:x8}; features {features1:x8}{features1d:x8}-{features7b:x8}{features7c:x8}{features7d:x8}" +
            $"; caches {string.Join(" ", Caches())}; legacy {string.Join(" ", LegacyAmdCaches())}";
    }

    /// <summary>
    /// The caches from CPUID's deterministic cache leaf (4 on Intel, 0x8000001D on AMD), as Linux's
    /// <c>/sys/devices/system/cpu/cpu0/cache/</c> reports them; empty when neither leaf is there.
    /// </summary>
    public static IReadOnlyList<Cache> Caches()
    {
        if (!X86Base.IsSupported) return [];
        // A leaf above the maximum returns another leaf's data on Intel, so each is asked only when there.
        var (maxBasic, _, _, _) = X86Base.CpuId(0, 0);
        var caches = maxBasic >= 4 ? FromDeterministicLeaf(4) : [];
        var (maxExtended, _, _, _) = X86Base.CpuId(unchecked((int)0x80000000), 0);
        if (caches.Count == 0 && (uint)maxExtended >= 0x8000001D) caches = FromDeterministicLeaf(unchecked((int)0x8000001D));
        return caches;
    }

    /// <summary>
    /// The caches from AMD's older leaves 0x80000005 (L1d) and 0x80000006 (L2, L3), which glibc's
    /// <c>getconf LEVEL*_CACHE_SIZE</c> reads; they can disagree with <see cref="Caches"/> in a VM
    /// (here: L3 384 MiB against 32 MiB). Zero sizes where the CPU leaves them empty (Intel).
    /// </summary>
    public static IReadOnlyList<Cache> LegacyAmdCaches()
    {
        if (!X86Base.IsSupported) return [];
        var (maxExtended, _, _, _) = X86Base.CpuId(unchecked((int)0x80000000), 0);
        if ((uint)maxExtended < 0x80000006) return [];
        var (_, _, l1, _) = X86Base.CpuId(unchecked((int)0x80000005), 0);
        var (_, _, l2, l3) = X86Base.CpuId(unchecked((int)0x80000006), 0);
        return
        [
            new Cache(1, "d", ((uint)l1 >> 24) * 1024L),
            new Cache(2, "", ((uint)l2 >> 16) * 1024L),
            new Cache(3, "", ((uint)l3 >> 18) * 512L * 1024),
        ];
    }

    // Sub-leaves 0, 1, … until a null cache type: EAX type (4:0) and level (7:5); EBX line size − 1 (11:0),
    // partitions − 1 (21:12) and ways − 1 (31:22); ECX sets − 1.
    private static List<Cache> FromDeterministicLeaf(int leaf)
    {
        var caches = new List<Cache>();
        for (int sub = 0; sub < 16; sub++)
        {
            var (a, b, c, _) = X86Base.CpuId(leaf, sub);
            int type = a & 0x1f;
            if (type == 0) break;
            long bytes = ((b & 0xfff) + 1L) * (((b >> 12) & 0x3ff) + 1L) * (((uint)b >> 22) + 1L) * ((uint)c + 1L);
            caches.Add(new Cache((a >> 5) & 7, type switch { 1 => "d", 2 => "i", _ => "" }, bytes));
        }
        return caches;
    }
}
