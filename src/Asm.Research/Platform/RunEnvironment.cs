using System.Reflection;
using System.Text.Json.Serialization;

namespace Asm.Research.Platform;

/// <summary>
/// Where and with what a run was computed, saved in its record so that records from different
/// machines can be pooled and checked: the kit's git commit, torch threads, oneDNN's instruction
/// set and the CPU model. None of it is part of the run's config (it does not change what is computed).
/// </summary>
/// <param name="KitVersion">The kit's git commit at build time, or "unknown".</param>
/// <param name="Threads">Torch intra-op threads the run trained with.</param>
/// <param name="OneDnnIsa">oneDNN's instruction-set cap (see <see cref="CurrentOneDnnIsa"/>).</param>
/// <param name="CpuModel">The CPU's model name, or "unknown".</param>
public sealed record RunEnvironment(
    [property: JsonPropertyName("kit_version")] string KitVersion,
    [property: JsonPropertyName("threads")] int Threads,
    [property: JsonPropertyName("onednn_isa")] string OneDnnIsa,
    [property: JsonPropertyName("cpu_model")] string CpuModel)
{
    /// <summary>The environment of this process for a run with <paramref name="threads"/> threads (0 = one per core).</summary>
    public static RunEnvironment Capture(int threads) =>
        new(KitVersionOf(typeof(RunEnvironment).Assembly), threads > 0 ? threads : Environment.ProcessorCount, CurrentOneDnnIsa, CpuModelOf("/proc/cpuinfo"));

    /// <summary>
    /// oneDNN's instruction-set cap in this process, as <see cref="TorchRuntime.OneDnnIsa"/> chose it
    /// (the user's ONEDNN_MAX_CPU_ISA, the self-check's verdict or the AVX fallback): the one place
    /// that says which ISA a run had.
    /// </summary>
    public static string CurrentOneDnnIsa => TorchRuntime.OneDnnIsa.Isa;

    /// <summary>"kit &lt;12-character commit&gt;, &lt;CPU&gt;, oneDNN &lt;ISA&gt;": how tables and reports name where a record was computed.</summary>
    [JsonIgnore] public string Summary => $"{KitVersion[..Math.Min(12, KitVersion.Length)]}, {CpuModel}, oneDNN {OneDnnIsa}";

    /// <summary>The commit stamped into <paramref name="assembly"/> at build time (build/KitVersion.targets), or "unknown".</summary>
    public static string KitVersionOf(Assembly assembly) =>
        assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "AsmKitCommit")?.Value is { Length: > 0 } commit
            ? commit : "unknown";

    /// <summary>The first "model name" line of a cpuinfo file (Linux), or "unknown" where there is none.</summary>
    public static string CpuModelOf(string cpuinfo)
    {
        try
        {
            if (!File.Exists(cpuinfo)) return "unknown";
            foreach (var line in File.ReadLines(cpuinfo))
            {
                int colon = line.IndexOf(':');
                if (colon > 0 && line[..colon].Trim() == "model name") return line[(colon + 1)..].Trim();
            }
        }
        catch (IOException)
        {
            // Unreadable: the record says so rather than failing the run.
        }
        catch (UnauthorizedAccessException)
        {
        }
        return "unknown";
    }
}
