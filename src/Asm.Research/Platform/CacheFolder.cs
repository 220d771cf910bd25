namespace Asm.Research.Platform;

/// <summary>The kit's per-user cache folder: <c>$XDG_CACHE_HOME/asm-research</c>, else <c>~/.cache/asm-research</c>, else the temp folder.</summary>
internal static class CacheFolder
{
    public static string Root()
    {
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string root = !string.IsNullOrEmpty(xdg) ? xdg
            : !string.IsNullOrEmpty(home) ? Path.Combine(home, ".cache")
            : Path.GetTempPath();
        return Path.Combine(root, "asm-research");
    }
}
