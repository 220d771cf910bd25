using Asm.Research.Platform;

namespace Asm.Research.Tests.Platform;

/// <summary>The ISA decision with a scripted checker: no child processes, no torch.</summary>
public sealed class OneDnnIsaSelectorTests : IDisposable
{
    private static readonly string[] Candidates = ["AVX512_CORE", "AVX2", "AVX"];
    private static readonly ConvolutionShape Wide = ConvolutionShape.Parse("conv b4 16->16 32x32 k3 s1 p1");
    private static readonly ConvolutionShape Narrow = ConvolutionShape.Parse("conv b4 16->4 32x32 k3 s1 p1");
    private readonly string _cacheDir = Path.Combine(Path.GetTempPath(), $"asm-isa-tests-{Guid.NewGuid():N}");
    private readonly List<string> _log = [];

    public void Dispose()
    {
        if (Directory.Exists(_cacheDir)) Directory.Delete(_cacheDir, recursive: true);
    }

    /// <summary>Fails the listed shapes under the listed ISAs (error 0.5), passes everything else (1e-7).</summary>
    private sealed class ScriptedChecker(Func<string, ConvolutionShape, bool> wrong) : IConvolutionChecker
    {
        public List<string> Asked { get; } = [];

        public IReadOnlyList<ConvolutionCheckResult> Check(string isa, IReadOnlyList<ConvolutionShape> shapes, IReadOnlyList<int> threads)
        {
            Asked.Add(isa);
            return (from t in threads from s in shapes
                    select new ConvolutionCheckResult(s, t, 1e-7, wrong(isa, s) ? 0.5 : 1e-7, 1e-7, 0)).ToList();
        }
    }

    private sealed class ThrowingChecker(Exception e) : IConvolutionChecker
    {
        public IReadOnlyList<ConvolutionCheckResult> Check(string isa, IReadOnlyList<ConvolutionShape> shapes, IReadOnlyList<int> threads) => throw e;
    }

    private OneDnnIsaSelector Selector(IConvolutionChecker? checker, Dictionary<string, string>? environment = null) =>
        new(checker, new OneDnnIsaCache(_cacheDir), _log.Add, name => environment?.GetValueOrDefault(name));

    [Fact]
    public void Picks_the_fastest_isa_when_every_shape_passes_and_caches_it()
    {
        var checker = new ScriptedChecker((_, _) => false);
        var choice = Selector(checker).Choose([Wide, Narrow], threads: 2, Candidates);
        Assert.Equal(("AVX512_CORE", "check"), (choice.Isa, choice.Source));
        Assert.Equal(["AVX512_CORE"], checker.Asked);

        var again = Selector(new ThrowingChecker(new InvalidOperationException("must not run"))).Choose([Narrow, Wide], threads: 2, Candidates);
        Assert.Equal(("AVX512_CORE", "cache"), (again.Isa, again.Source));
    }

    [Fact]
    public void A_shape_failing_the_check_moves_the_choice_to_the_next_isa()
    {
        var checker = new ScriptedChecker((isa, shape) => isa == "AVX512_CORE" && shape == Narrow);
        var choice = Selector(checker).Choose([Wide, Narrow], threads: 2, Candidates);
        Assert.Equal(("AVX2", "check"), (choice.Isa, choice.Source));
        Assert.Contains("AVX512_CORE: 1 shape(s) wrong, e.g. conv b4 16->4 32x32 k3 s1 p1", choice.Reason);
        Assert.Equal(["AVX512_CORE", "AVX2"], checker.Asked);
    }

    [Fact]
    public void When_no_isa_passes_it_falls_back_to_the_avx_cap_with_one_line()
    {
        var checker = new ScriptedChecker((_, shape) => shape == Narrow);
        var choice = Selector(checker).Choose([Wide, Narrow], threads: 1, Candidates);
        Assert.Equal(("AVX", "fallback"), (choice.Isa, choice.Source));
        Assert.Contains("no ISA passed", choice.Reason);
        Assert.Equal(Candidates, checker.Asked);
        Assert.Single(_log, line => line.Contains("using ONEDNN_MAX_CPU_ISA=AVX"));
        Assert.False(Directory.Exists(_cacheDir) && Directory.EnumerateFiles(_cacheDir).Any(), "a fallback must not be cached");
    }

    [Fact]
    public void A_candidate_whose_check_crashes_is_skipped()
    {
        var checker = new CrashingFirst();
        var choice = Selector(checker).Choose([Wide], threads: 1, Candidates);
        Assert.Equal("AVX2", choice.Isa);
        Assert.Contains("AVX512_CORE: exited with code 132", choice.Reason);
    }

    private sealed class CrashingFirst : IConvolutionChecker
    {
        public IReadOnlyList<ConvolutionCheckResult> Check(string isa, IReadOnlyList<ConvolutionShape> shapes, IReadOnlyList<int> threads) =>
            isa == "AVX512_CORE"
                ? throw new ConvolutionCheckFailedException("exited with code 132")
                : shapes.Select(s => new ConvolutionCheckResult(s, 1, 0, 0, 0, 0)).ToList();
    }

    [Fact]
    public void Without_a_checker_or_when_it_cannot_run_it_uses_the_avx_cap_and_does_not_cache()
    {
        Assert.Equal(("AVX", "fallback"), Selector(null).Choose([Wide], 2, Candidates) is var a ? (a.Isa, a.Source) : default);
        var b = Selector(new ThrowingChecker(new ConvolutionCheckUnavailableException("no dotnet"))).Choose([Wide], 2, Candidates);
        Assert.Equal(("AVX", "fallback"), (b.Isa, b.Source));
        Assert.Contains("no dotnet", b.Reason);
        var c = Selector(new ScriptedChecker((_, _) => false)).Choose([Wide], 2, Candidates);
        Assert.Equal("check", c.Source);
    }

    [Fact]
    public void The_users_onednn_max_cpu_isa_wins_and_a_parents_choice_is_passed_on()
    {
        var checker = new ScriptedChecker((_, _) => false);
        var user = Selector(checker, new() { ["ONEDNN_MAX_CPU_ISA"] = "AVX" }).Choose([Wide], 2, Candidates);
        Assert.Equal(("AVX", "user"), (user.Isa, user.Source));
        var inherited = Selector(checker, new() { ["ONEDNN_MAX_CPU_ISA"] = "AVX2", ["ASM_ONEDNN_ISA_REASON"] = "cache|all passed" }).Choose([Wide], 2, Candidates);
        Assert.Equal(new OneDnnIsaChoice("AVX2", "cache", "all passed"), inherited);
        Assert.Empty(checker.Asked);
    }

    [Fact]
    public void The_cache_key_changes_with_cpu_libtorch_threads_and_shapes_but_not_shape_order()
    {
        string key = OneDnnIsaCache.Key("cpu", "2.10.0", [1, 2], [Wide, Narrow]);
        Assert.Equal(key, OneDnnIsaCache.Key("cpu", "2.10.0", [1, 2], [Narrow, Wide]));
        Assert.NotEqual(key, OneDnnIsaCache.Key("other cpu", "2.10.0", [1, 2], [Wide, Narrow]));
        Assert.NotEqual(key, OneDnnIsaCache.Key("cpu", "2.11.0", [1, 2], [Wide, Narrow]));
        Assert.NotEqual(key, OneDnnIsaCache.Key("cpu", "2.10.0", [1], [Wide, Narrow]));
        Assert.NotEqual(key, OneDnnIsaCache.Key("cpu", "2.10.0", [1, 2], [Wide]));
    }

    [Fact]
    public void A_corrupt_cache_file_is_checked_again()
    {
        var cache = new OneDnnIsaCache(_cacheDir);
        Directory.CreateDirectory(_cacheDir);
        string key = OneDnnIsaCache.Key("cpu", "2.10.0", [1], [Wide]);
        File.WriteAllText(Path.Combine(_cacheDir, $"{key}.json"), "{ not json");
        Assert.Null(cache.Read(key));
    }
}
