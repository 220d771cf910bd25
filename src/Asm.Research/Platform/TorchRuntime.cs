using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using TorchSharp;

namespace Asm.Research.Platform;

/// <summary>
/// Makes TorchSharp's native libraries load, wherever the kit runs (console app, test host,
/// notebook kernel). It is the one place that knows about these platform facts:
/// <list type="bullet">
/// <item>libLibTorchSharp.so 0.107.0 asks for GLIBCXX_3.4.32, which Debian 12 / Ubuntu 22.04
/// lack although no symbol really needs it: a patched copy (that need marked weak) is loaded
/// from a cache folder; the NuGet cache is never touched.</item>
/// <item>A notebook kernel has no deps.json, so libtorch could be found on the system instead
/// of in the package: libc10, libtorch_cpu and libtorch are preloaded by full path.</item>
/// <item>On this project's AMD CPUs (family 26), libtorch 2.10's oneDNN JIT convolutions give
/// wrong results for some channel counts under every ISA (docs/ONEDNN.md). Before libtorch loads,
/// <see cref="OneDnnIsaSelector"/> picks the fastest ISA under which every convolution shape of the
/// networks passes a float32-vs-float64 check (cached per CPU, libtorch and shape set), and sets
/// <c>ONEDNN_MAX_CPU_ISA</c> in the C environment; a value the user set wins.
/// <see cref="OneDnnIsa"/> says what was chosen and why.</item>
/// <item>NNPACK is switched off: on CPUs it does not recognise, it logs a failed initialisation on
/// every conv that considers it.</item>
/// </list>
/// Where none applies (Windows, macOS, a new enough libstdc++, no AVX-512) it only loads the
/// package's own files. Call <see cref="EnsureLoaded()"/> before the first use of <c>torch</c>.
/// </summary>
public static class TorchRuntime
{
    private const string TorchSharpVersion = "0.107.0";
    private const string LibTorchVersion = "2.10.0";
    private const string ShimFile = "libLibTorchSharp.so";
    private static readonly string[] LibTorchFiles = ["libc10.so", "libtorch_cpu.so", "libtorch.so"];

    private static readonly Lazy<(string Description, OneDnnIsaChoice Isa)> Loaded = new(LoadOnce, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Loads the native backend once per process; returns a one-line description of what was
    /// loaded from where. Throws <see cref="TorchRuntimeException"/> with advice when it cannot.
    /// Unless the process chose already (the CLI does, for its configured networks), oneDNN's ISA
    /// is chosen for <see cref="NetworkConvolutions.KitDefaults"/> at one thread per core.
    /// </summary>
    public static string EnsureLoaded() => Loaded.Value.Description;

    /// <summary>
    /// Like <see cref="EnsureLoaded()"/>, but if libtorch is not loaded yet, oneDNN's ISA is chosen
    /// for <paramref name="shapes"/> run at <paramref name="threads"/> threads (e.g.
    /// <c>NetworkConvolutions.Of(config)</c> for networks outside the kit's defaults). Once loaded,
    /// the ISA cannot change: later calls only return the description.
    /// </summary>
    public static string EnsureLoaded(IReadOnlyList<ConvolutionShape> shapes, int threads)
    {
        if (!Loaded.IsValueCreated && AppliesIsaChoice())
            OneDnnIsaSelector.Apply(DefaultSelector().Choose(shapes, threads));
        return EnsureLoaded();
    }

    /// <summary>The oneDNN ISA cap this process runs with, and why (loads torch if needed).</summary>
    public static OneDnnIsaChoice OneDnnIsa => Loaded.Value.Isa;

    private static bool AppliesIsaChoice() =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    /// <summary>The selector in-process hosts use: the nearest asm command line as checker, the per-user cache, one line on stderr.</summary>
    public static OneDnnIsaSelector DefaultSelector() =>
        new(ChildProcessConvolutionChecker.Find(), OneDnnIsaCache.Default(), line => Console.Error.WriteLine(line));

    private static (string, OneDnnIsaChoice) LoadOnce()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            return (InitializeTorch("TorchSharp's own native loading (not Linux: nothing to adjust)"), new OneDnnIsaChoice("default", "none", "not Linux"));
        var choice = ChooseOneDnnIsa();
        string isa = choice.Source == "none" ? "" : $"; {OneDnnIsaSelector.IsaVariable}={choice.Isa} ({choice.Source})";
        return (LoadLinux(isa), choice);
    }

    private static OneDnnIsaChoice ChooseOneDnnIsa()
    {
        if (!AppliesIsaChoice()) return OneDnnIsaSelector.FromEnvironment() ?? new OneDnnIsaChoice("default", "none", "not x64");
        var choice = OneDnnIsaSelector.FromEnvironment()
                     ?? DefaultSelector().Choose(NetworkConvolutions.KitDefaults(), Environment.ProcessorCount);
        OneDnnIsaSelector.Apply(choice);
        return choice;
    }

    private static string LoadLinux(string isa)
    {

        string? torchDir = FindDirectory("libtorch_cpu.so", $"libtorch-cpu-linux-x64/{LibTorchVersion}");
        string? shimDir = FindDirectory(ShimFile, $"torchsharp/{TorchSharpVersion}");
        if (torchDir is null || shimDir is null)
        {
            // A CUDA build or an unusual layout: let TorchSharp probe, but explain failures.
            return InitializeTorch("TorchSharp's own native loading (package folders not found)");
        }

        var torchLibraries = LibTorchFiles.Select(file => LoadOrExplain(Path.Combine(torchDir, file))).ToList();
        string nnpack = DisableNnpack(torchLibraries[Array.IndexOf(LibTorchFiles, "libtorch_cpu.so")]);

        string shim = Path.Combine(shimDir, ShimFile);
        string note = "";
        IntPtr handle;
        try
        {
            handle = NativeLibrary.Load(shim);
        }
        catch (DllNotFoundException e) when (MissingVersions(e.Message).Count > 0)
        {
            var missing = MissingVersions(e.Message);
            string patched = WritePatchedCopy(shim, missing);
            handle = LoadOrExplain(patched);
            note = $"; {ShimFile} loaded from a copy with {string.Join(", ", missing)} marked weak ({patched})";
        }

        var torchAssembly = typeof(torch).Assembly;
        NativeLibrary.SetDllImportResolver(torchAssembly, (name, _, _) =>
            name == "LibTorchSharp" || name == ShimFile ? handle : IntPtr.Zero);
        return InitializeTorch($"libtorch {LibTorchVersion} from {torchDir}{note}{isa}{nnpack}");
    }

    /// <summary>
    /// Turns libtorch's NNPACK convolution path off. On CPUs its bundled cpuinfo does not know (this
    /// AMD family 26 among them) every conv that considers NNPACK retries its initialisation and logs
    /// "Could not initialize NNPACK! Reason: Unsupported hardware." — hundreds of lines per epoch that
    /// bury the progress output. oneDNN and ATen's own kernels serve those convs either way.
    /// TorchSharp does not expose the switch, so the C++ entry points are called directly
    /// (Itanium ABI: the context pointer is the first argument); where they are absent, nothing happens.
    /// </summary>
    private static unsafe string DisableNnpack(IntPtr libtorchCpu)
    {
        if (!NativeLibrary.TryGetExport(libtorchCpu, "_ZN2at13globalContextEv", out var globalContext) ||
            !NativeLibrary.TryGetExport(libtorchCpu, "_ZN2at7Context20setUserEnabledNNPACKEb", out var setEnabled) ||
            !NativeLibrary.TryGetExport(libtorchCpu, "_ZNK2at7Context17userEnabledNNPACKEv", out var isEnabled))
            return "";
        IntPtr context = ((delegate* unmanaged<IntPtr>)globalContext)();
        ((delegate* unmanaged<IntPtr, byte, void>)setEnabled)(context, 0);
        return ((delegate* unmanaged<IntPtr, byte>)isEnabled)(context) == 0 ? "; NNPACK off" : "";
    }

    /// <summary>
    /// Relative error of a float32 convolution's input and weight gradients against float64, on a
    /// fixed small case, with the current thread count. A correct backend gives about 1e-6; the
    /// oneDNN AVX-512 kernels this kit avoids gave 0.34 here.
    /// </summary>
    public static double ConvolutionGradientError()
    {
        EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        var generator = new torch.Generator(3);
        using var scalars = new ScalarScope();
        var x = torch.randn([4, 8, 32, 32], generator: generator);
        var w = torch.randn([8, 8, 3, 3], generator: generator).div(scalars.Of(10));
        (torch.Tensor Gx, torch.Tensor Gw) Gradients(torch.ScalarType type)
        {
            var xi = x.to_type(type).detach().clone().requires_grad_(true);
            var wi = w.to_type(type).detach().clone().requires_grad_(true);
            torch.nn.functional.conv2d(xi, wi, padding: [1, 1]).pow(scalars.Of(2)).sum().backward();
            return (xi.grad!.to_type(torch.float64), wi.grad!.to_type(torch.float64));
        }
        var single = Gradients(torch.float32);
        var reference = Gradients(torch.float64);
        double Error(torch.Tensor a, torch.Tensor b) => a.sub(b).abs().sum().item<double>() / b.abs().sum().item<double>();
        double error = Math.Max(Error(single.Gx, reference.Gx), Error(single.Gw, reference.Gw));
        return double.IsNaN(error) ? double.PositiveInfinity : error;
    }

    private static string InitializeTorch(string description)
    {
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
            return description;
        }
        catch (Exception e) when (e is NotSupportedException or DllNotFoundException or TypeInitializationException)
        {
            throw new TorchRuntimeException(
                "TorchSharp could not load its native libraries. Build the kit first (dotnet build), and make sure " +
                $"the libtorch-cpu package {LibTorchVersion} is restored (dotnet restore). Cause: {FirstLine(e)}", e);
        }
    }

    private static IntPtr LoadOrExplain(string path)
    {
        try
        {
            return NativeLibrary.Load(path);
        }
        catch (DllNotFoundException e)
        {
            throw new TorchRuntimeException(
                $"Cannot load {path}: {FirstLine(e)}. If a library is named as missing, run 'ldd {path}' to see which; " +
                "a 'version not found' for libstdc++ other than GLIBCXX_3.4.32 needs a newer libstdc++6 from the OS.", e);
        }
    }

    /// <summary>The symbol versions a loader error says are missing, e.g. GLIBCXX_3.4.32.</summary>
    internal static IReadOnlyList<string> MissingVersions(string loaderMessage) =>
        Regex.Matches(loaderMessage, @"version `(GLIBCXX_[0-9.]+|CXXABI_[0-9.]+)' not found")
             .Select(m => m.Groups[1].Value).Distinct().ToList();

    /// <summary>
    /// Writes (once, atomically) a copy of <paramref name="shim"/> whose listed version needs are
    /// weak, in a per-user cache folder keyed by the original's size and time stamp.
    /// </summary>
    internal static string WritePatchedCopy(string shim, IReadOnlyList<string> versions)
    {
        var info = new FileInfo(shim);
        string key = $"{TorchSharpVersion}-{info.Length}-{info.LastWriteTimeUtc.Ticks}-{string.Join("_", versions)}";
        string dir = Path.Combine(CacheRoot(), key);
        string target = Path.Combine(dir, ShimFile);
        if (File.Exists(target)) return target;

        Directory.CreateDirectory(dir);
        byte[] bytes = File.ReadAllBytes(shim);
        if (ElfVersionNeeds.MarkWeak(bytes, versions) == 0)
            throw new TorchRuntimeException($"{shim} does not list {string.Join(", ", versions)}; cannot work around the loader error.");
        AtomicFile.WriteAllBytes(target, bytes);
        return target;
    }

    private static string CacheRoot() => Path.Combine(CacheFolder.Root(), "native");

    /// <summary>Folders that may hold the natives, best first: next to the kit, the app, then the NuGet cache.</summary>
    private static string? FindDirectory(string file, string packageFolder)
    {
        const string rid = "runtimes/linux-x64/native";
        var roots = new List<string>();
        string? kitDir = Path.GetDirectoryName(typeof(TorchRuntime).Assembly.Location);
        if (!string.IsNullOrEmpty(kitDir)) roots.AddRange([Path.Combine(kitDir, rid), kitDir]);
        roots.AddRange([Path.Combine(AppContext.BaseDirectory, rid), AppContext.BaseDirectory]);
        string? torchSharpDir = Path.GetDirectoryName(typeof(torch).Assembly.Location);
        if (!string.IsNullOrEmpty(torchSharpDir)) roots.Add(Path.Combine(torchSharpDir, rid));
        foreach (var packages in NuGetRoots())
            roots.Add(Path.Combine(packages, packageFolder, rid));
        return roots.FirstOrDefault(r => File.Exists(Path.Combine(r, file)));
    }

    private static IEnumerable<string> NuGetRoots()
    {
        string? env = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (!string.IsNullOrEmpty(env)) yield return env;
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (!string.IsNullOrEmpty(home)) yield return Path.Combine(home, ".nuget", "packages");
    }

    private static string FirstLine(Exception e) => e.Message.Split('\n', 2)[0].Trim();
}

/// <summary>The native torch backend could not be loaded; the message says why and what to do.</summary>
public sealed class TorchRuntimeException(string message, Exception? inner = null) : Exception(message, inner);
