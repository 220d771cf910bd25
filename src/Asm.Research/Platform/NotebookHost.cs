using System.Reflection;
using System.Runtime.Loader;

namespace Asm.Research.Platform;

/// <summary>
/// Prepares a notebook kernel (.NET Interactive under VS Code, Jupyter or <c>asm notebook run</c>) for
/// the kit. The notebooks' setup (<c>NotebookKit.Load()</c> in kit.csx) calls <see cref="Initialize"/>. It
/// <list type="number">
/// <item>routes requests for a newer FSharp.Core (Plotly.NET 6 is built against 10.1, kernels
/// ship 10.0) to the FSharp.Core the kernel has already loaded; a second, newer copy would
/// break the F# types shared with the kernel;</item>
/// <item>loads TorchSharp's natives through <see cref="TorchRuntime.EnsureLoaded()"/>, so a failure
/// surfaces here with <see cref="TorchRuntimeException"/>'s advice rather than at the first tensor.</item>
/// </list>
/// Safe to call again (re-running the cell): the work is done once per process.
/// </summary>
public static class NotebookHost
{
    private const string FSharpCore = "FSharp.Core";

    private static readonly Lazy<string> ResolverInstalled = new(InstallFSharpCoreResolver, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Installs the FSharp.Core redirect and loads torch (each once per process); returns a short
    /// description of what was done, one line per step. Throws <see cref="TorchRuntimeException"/>
    /// when the natives cannot be loaded.
    /// </summary>
    public static string Initialize()
    {
        string resolver = ResolverInstalled.Value;
        string torch = TorchRuntime.EnsureLoaded();
        return $"Asm.Research kit, notebook mode '{Mode}'{Environment.NewLine}FSharp.Core: {resolver}{Environment.NewLine}Torch: {torch}";
    }

    /// <summary>Environment variable that sets how much work notebooks do: smoke, quick (default) or full.</summary>
    public const string ModeVariable = "ASM_NOTEBOOK_MODE";

    /// <summary>
    /// The notebook mode from <see cref="ModeVariable"/>: "smoke" (tiny, seconds: what the test
    /// harness runs), "quick" (the default: minutes on a laptop CPU) or "full" (the paper's settings).
    /// Throws for any other value, naming the allowed ones.
    /// </summary>
    public static string Mode => ParseMode(Environment.GetEnvironmentVariable(ModeVariable));

    /// <summary>The value for the current <see cref="Mode"/>, e.g. <c>Pick(smoke: 32, quick: 128, full: 128)</c>.</summary>
    public static T Pick<T>(T smoke, T quick, T full) => Mode switch
    {
        "smoke" => smoke,
        "full" => full,
        _ => quick,
    };

    /// <summary>Parses a mode value (null or blank is "quick"); throws for unknown values.</summary>
    public static string ParseMode(string? value)
    {
        string mode = string.IsNullOrWhiteSpace(value) ? "quick" : value.Trim().ToLowerInvariant();
        return mode is "smoke" or "quick" or "full"
            ? mode
            : throw new ArgumentException($"{ModeVariable}='{value}' is not a notebook mode; use smoke, quick or full (default quick).");
    }

    private static string InstallFSharpCoreResolver()
    {
        AppDomain.CurrentDomain.AssemblyResolve += (_, args) => ResolveFSharpCore(new AssemblyName(args.Name));
        var loaded = LoadedFSharpCore();
        return loaded is null
            ? "none loaded yet; requests will be served from the kit folder"
            : $"requests for newer versions are mapped to the loaded {loaded.GetName().Version}";
    }

    /// <summary>The FSharp.Core to use for <paramref name="requested"/>, or null to let others decide.</summary>
    public static Assembly? ResolveFSharpCore(AssemblyName requested)
    {
        if (!string.Equals(requested.Name, FSharpCore, StringComparison.OrdinalIgnoreCase)) return null;
        var loaded = LoadedFSharpCore();
        if (loaded is not null) return loaded;
        string? kitDir = Path.GetDirectoryName(typeof(NotebookHost).Assembly.Location);
        // The kit keeps its FSharp.Core in fsharp/ (see build/NotebookKit.targets); an app folder has it beside the dll.
        string dir = kitDir ?? AppContext.BaseDirectory;
        string? candidate = new[] { Path.Combine(dir, "fsharp", FSharpCore + ".dll"), Path.Combine(dir, FSharpCore + ".dll") }
            .FirstOrDefault(File.Exists);
        return candidate is null ? null : AssemblyLoadContext.Default.LoadFromAssemblyPath(candidate);
    }

    /// <summary>The highest FSharp.Core already loaded in the process, preferring the default context.</summary>
    private static Assembly? LoadedFSharpCore() =>
        AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => string.Equals(a.GetName().Name, FSharpCore, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(a => AssemblyLoadContext.GetLoadContext(a) == AssemblyLoadContext.Default)
            .ThenByDescending(a => a.GetName().Version)
            .FirstOrDefault();
}
