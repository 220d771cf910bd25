using System.Diagnostics;

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
