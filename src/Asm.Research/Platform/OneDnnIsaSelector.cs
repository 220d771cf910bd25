using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Asm.Research.Platform;

/// <summary>
/// Chooses oneDNN's instruction set for a process before libtorch loads: the fastest ISA this
/// CPU has under which every given convolution shape passes the float32-vs-float64 check
/// (docs/ONEDNN.md: on this project's AMD CPUs oneDNN's JIT kernels for AVX, AVX2 and AVX-512 each
/// give wrong results for some channel counts). Checked at 1 thread and at the run's thread count;
/// each shape at most 32 px and batch 4 (<see cref="ConvolutionShape.ReducedForCheck"/>);
/// the verdict is cached (<see cref="OneDnnIsaCache"/>). <c>ONEDNN_MAX_CPU_ISA</c> set by the user
/// always wins. When no candidate passes, or the check cannot run, it falls back to
/// <see cref="SafeIsa"/> and says so in one line.
/// </summary>
/// <param name="checker">Runs the check under a candidate ISA; null when no checker program exists.</param>
/// <param name="cache">Where verdicts are kept; null for none.</param>
/// <param name="log">Receives the progress line and the fallback line.</param>
/// <param name="environment">Reads environment variables (tests pass their own); default: the process's.</param>
public sealed class OneDnnIsaSelector(IConvolutionChecker? checker, OneDnnIsaCache? cache, Action<string>? log = null,
    Func<string, string?>? environment = null)
{
    /// <summary>oneDNN's cap variable, read once at its first use.</summary>
    public const string IsaVariable = "ONEDNN_MAX_CPU_ISA";

    /// <summary>Set beside <see cref="IsaVariable"/> when the kit (not the user) chose the cap; holds the reason.</summary>
    public const string ReasonVariable = "ASM_ONEDNN_ISA_REASON";

    /// <summary>The cap the kit used before the self-check, and the last resort: im2col + GEMM for convolution backward.</summary>
    public const string SafeIsa = "AVX";

    /// <summary>The libtorch whose oneDNN is checked (part of the cache key).</summary>
    public const string LibTorchVersion = "2.10.0";

    /// <summary>The ISAs this CPU supports that the check tries, fastest first, <see cref="SafeIsa"/> last.</summary>
    public static IReadOnlyList<string> SupportedCandidates()
    {
        var list = new List<string>();
        if (Avx512F.IsSupported && Avx512BW.IsSupported && Avx512DQ.IsSupported && Avx512F.VL.IsSupported) list.Add("AVX512_CORE");
        if (Avx2.IsSupported && Fma.IsSupported) list.Add("AVX2");
        if (Avx.IsSupported) list.Add(SafeIsa);
        return list;
    }

    /// <summary>
    /// The choice already made for this process: by the user (<c>ONEDNN_MAX_CPU_ISA</c> alone), or
    /// by a parent that ran the selector (<c>ONEDNN_MAX_CPU_ISA</c> with <see cref="ReasonVariable"/>). Null if neither.
    /// </summary>
    public static OneDnnIsaChoice? FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);

    private static OneDnnIsaChoice? FromEnvironment(Func<string, string?> environment)
    {
        string? isa = environment(IsaVariable);
        if (string.IsNullOrEmpty(isa)) return null;
        string? reason = environment(ReasonVariable);
        if (string.IsNullOrEmpty(reason)) return new OneDnnIsaChoice(isa, "user", $"{IsaVariable}={isa} set by the user");
        int bar = reason.IndexOf('|');
        return bar > 0 ? new OneDnnIsaChoice(isa, reason[..bar], reason[(bar + 1)..]) : new OneDnnIsaChoice(isa, "kit", reason);
    }

    /// <summary>
    /// Puts <paramref name="choice"/> into this process's environment — the C one, which oneDNN
    /// reads, and .NET's, which child processes inherit — unless the user's cap is already there.
    /// </summary>
    public static void Apply(OneDnnIsaChoice choice)
    {
        if (choice.Source is "user" or "none") return;
        Set(IsaVariable, choice.Isa);
        Set(ReasonVariable, $"{choice.Source}|{choice.Reason}");
    }

    private static void Set(string name, string value)
    {
        Environment.SetEnvironmentVariable(name, value);
        if (!OperatingSystem.IsWindows()) _ = SetNativeEnvironment(name, value, 1);
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetNativeEnvironment(string name, string value, int overwrite);

    /// <summary>
    /// The choice for a process that will run <paramref name="shapes"/> with <paramref name="threads"/>
    /// intra-op threads; <paramref name="candidates"/> defaults to <see cref="SupportedCandidates"/>.
    /// </summary>
    public OneDnnIsaChoice Choose(IReadOnlyList<ConvolutionShape> shapes, int threads, IReadOnlyList<string>? candidates = null)
    {
        if (FromEnvironment(environment ?? Environment.GetEnvironmentVariable) is { } already) return already;
        candidates ??= SupportedCandidates();
        if (candidates.Count == 0) return new OneDnnIsaChoice("default", "none", "no AVX on this CPU: oneDNN left as it is");
        shapes = shapes.Select(s => s.ReducedForCheck()).Distinct().ToList();
        int[] threadCounts = threads > 1 ? [1, threads] : [1];
        string cpu = CpuIdentity.Describe();
        string key = OneDnnIsaCache.Key(cpu, LibTorchVersion, threadCounts, shapes);
        if (cache?.Read(key) is { } cached && candidates.Contains(cached.Isa))
            return new OneDnnIsaChoice(cached.Isa, "cache", cached.Reason);
        if (checker is null)
            return Fallback("the convolution self-check program (the asm command line) was not found");

        log?.Invoke($"oneDNN: checking {shapes.Count} convolution shapes under {string.Join(", ", candidates)} (once per CPU, libtorch and network set) …");
        var failures = new List<string>();
        foreach (string isa in candidates)
        {
            IReadOnlyList<ConvolutionCheckResult> results;
            try
            {
                results = checker.Check(isa, shapes, threadCounts);
            }
            catch (ConvolutionCheckUnavailableException e)
            {
                return Fallback($"the self-check could not run ({e.Message})");
            }
            catch (ConvolutionCheckFailedException e)
            {
                failures.Add($"{isa}: {e.Message}");
                continue;
            }
            var worst = results.MaxBy(r => r.Worst);
            var wrong = results.Where(r => !r.Passes(ConvolutionGradientCheck.Threshold)).ToList();
            if (worst is not null && wrong.Count == 0)
            {
                string reason = string.Create(CultureInfo.InvariantCulture,
                    $"fastest ISA under which all {shapes.Count} convolution shapes match float64 at {string.Join(" and ", threadCounts)} thread(s) (worst {worst.Worst:G2})") +
                    (failures.Count > 0 ? $"; {string.Join("; ", failures)}" : "");
                cache?.Write(key, new OneDnnIsaCache.Entry(isa, reason, cpu, LibTorchVersion, threadCounts, shapes.Count, DateTimeOffset.UtcNow));
                return new OneDnnIsaChoice(isa, "check", reason);
            }
            var first = wrong.MaxBy(r => r.Worst)!;
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{isa}: {wrong.Select(r => r.Shape).Distinct().Count()} shape(s) wrong, e.g. {first.Shape} at {first.Threads} thread(s) off by {first.Worst:G2}"));
        }
        return Fallback($"no ISA passed the convolution self-check ({string.Join("; ", failures)})");
    }

    private OneDnnIsaChoice Fallback(string why)
    {
        log?.Invoke($"oneDNN: {why}; using {IsaVariable}={SafeIsa}.");
        return new OneDnnIsaChoice(SafeIsa, "fallback", why);
    }
}
