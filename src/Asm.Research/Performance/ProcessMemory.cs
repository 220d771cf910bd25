using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Asm.Research.Performance;

/// <summary>Resident memory of this process, current and peak.</summary>
public static class ProcessMemory
{
    /// <summary>Current resident set size in bytes.</summary>
    public static long ResidentBytes()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64;
    }

    /// <summary>
    /// Hands memory that native code has freed back to the OS (glibc's <c>malloc_trim</c>; elsewhere nothing).
    /// libtorch frees tensors into glibc's heaps, which keep the pages: without a trim, resident memory
    /// wanders by ±10% from epoch to epoch with no leak behind it, and hides a real one.
    /// </summary>
    public static void ReleaseFreedNativeMemory()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            MallocTrim(0);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // Not glibc (e.g. musl): nothing to trim.
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    /// <summary>Peak resident set size in bytes (Linux: VmHWM; elsewhere the .NET peak working set).</summary>
    public static long PeakResidentBytes()
    {
        if (OperatingSystem.IsLinux() && File.Exists("/proc/self/status"))
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
