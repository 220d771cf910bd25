namespace Asm.Research.Platform;

/// <summary>
/// The kit's per-user cache folder: <c>$XDG_CACHE_HOME/asm-research</c>, else <c>~/.cache/asm-research</c>.
/// When that cannot be written (a read-only or missing home), a private temporary folder for this
/// process and the ones it starts, said in one line on stderr: the patched TorchSharp shim must be
/// written somewhere for torch to load at all.
/// </summary>
internal static class CacheFolder
{
    private const string Name = "asm-research";
    private const string Variable = "XDG_CACHE_HOME";

    // Resolved once per process: the probe writes a file, and the fallback is said once.
    private static readonly Lazy<string> Resolved = new(Resolve);

    public static string Root() => Resolved.Value;

    private static string Resolve()
    {
        string? xdg = Environment.GetEnvironmentVariable(Variable);
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string? parent = !string.IsNullOrEmpty(xdg) ? xdg : !string.IsNullOrEmpty(home) ? Path.Combine(home, ".cache") : null;
        string? problem = parent is null ? $"neither {Variable} nor HOME is set" : Unwritable(Path.Combine(parent, Name));
        if (problem is null) return Path.Combine(parent!, Name);

        // Private (mode 0700) and new: a shared, predictable temp path would let another user plant the shim loaded from it.
        string temp = Directory.CreateTempSubdirectory("asm-research-cache-").FullName;
        // What this process starts (the relaunch, the oneDNN self-check) inherits the folder and stays quiet.
        Environment.SetEnvironmentVariable(Variable, temp);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => FolderCleanup.DeleteQuietly(temp);
        Console.Error.WriteLine($"asm: no usable cache folder ({problem}); caching in {temp} for this run only");
        return Path.Combine(temp, Name);
    }

    /// <summary>Why <paramref name="folder"/> cannot hold the cache, or null when a file can be written there.</summary>
    private static string? Unwritable(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            string probe = Path.Combine(folder, $".probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{folder}: {e.Message.TrimEnd('.')}";
        }
    }
}
