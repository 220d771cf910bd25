namespace Asm.Research.Tests.Notebooks;

/// <summary>Where the repository, its notebooks and the notebook kit are.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootDir = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Asm.Research.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No Asm.Research.sln above {AppContext.BaseDirectory}.");
    });

    /// <summary>The folder holding Asm.Research.sln.</summary>
    public static string Root => RootDir.Value;

    /// <summary>notebooks/.</summary>
    public static string Notebooks => Path.Combine(Root, "notebooks");

    /// <summary>tests/Asm.Research.Tests/Notebooks/fixtures/.</summary>
    public static string Fixtures => Path.Combine(Root, "tests", "Asm.Research.Tests", "Notebooks", "fixtures");

    /// <summary>artifacts/kit/, laid out by every build of the library (build/NotebookKit.targets).</summary>
    public static string Kit => Path.Combine(Root, "artifacts", "kit");
}
