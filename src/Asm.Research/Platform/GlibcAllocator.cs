using System.Runtime.InteropServices;

namespace Asm.Research.Platform;

/// <summary>
/// The glibc malloc settings the command line runs under, and whether this process has them.
/// libtorch allocates each step's activations and gradients (tens of MB each) with malloc and
/// frees them at the end of the step. With glibc's defaults, blocks that large are mmap'ed and
/// unmapped every time, so each step touches fresh pages: about 19,000 page faults per ASM step
/// at 128×128, batch 8, measured here. Keeping them in the heap (no mmap, no trimming) on
/// transparent huge pages brings that to about zero (docs/PERFORMANCE.md has the numbers).
/// glibc reads these tunables only at process start, so the CLI relaunches itself with them.
/// </summary>
public static class GlibcAllocator
{
    /// <summary>The environment variable glibc reads its tunables from.</summary>
    public const string TunablesVariable = "GLIBC_TUNABLES";

    /// <summary>Set to <c>default</c> to keep glibc's own malloc settings (no relaunch).</summary>
    public const string OptOutVariable = "ASM_ALLOCATOR";

    /// <summary>
    /// Huge pages for the heap (2 MB faults instead of 4 KB), no mmap for large blocks and no
    /// trimming of the heap's top, so freed tensors are reused, plus a 256 MB top pad so the
    /// heap grows in few steps. Peak memory stays about the same (freed blocks are reused).
    /// </summary>
    public const string Tunables =
        "glibc.malloc.hugetlb=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=2147483647:glibc.malloc.top_pad=268435456";

    /// <summary>
    /// True where relaunching with <see cref="Tunables"/> would take effect and is wanted: Linux
    /// with glibc, no <c>GLIBC_TUNABLES</c> already set (the user's own choice, or an earlier
    /// relaunch), and <c>ASM_ALLOCATOR</c> not <c>default</c>.
    /// </summary>
    public static bool ShouldApply() =>
        OperatingSystem.IsLinux()
        && Environment.GetEnvironmentVariable(TunablesVariable) is null
        && !string.Equals(Environment.GetEnvironmentVariable(OptOutVariable), "default", StringComparison.OrdinalIgnoreCase)
        && IsGlibc();

    /// <summary>What this process runs with: the tunables in effect, or "default".</summary>
    public static string Describe() =>
        Environment.GetEnvironmentVariable(TunablesVariable) is { Length: > 0 } tunables ? tunables : "default";

    private static bool IsGlibc()
    {
        try
        {
            return GnuGetLibcVersion() != IntPtr.Zero;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false; // musl or another libc: GLIBC_TUNABLES would be ignored.
        }
    }

    [DllImport("libc", EntryPoint = "gnu_get_libc_version")]
    private static extern IntPtr GnuGetLibcVersion();
}
