namespace Asm.Research.Tests;

/// <summary>Locates the repository root and the shared test data, wherever the test host runs from.</summary>
public static class TestPaths
{
    /// <summary>The folder holding Asm.Research.sln, found by walking up from the test binaries.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The shared Weizmann horses (never copied into the project): ../shared/data/weizmann_horse_db from the repo root.</summary>
    public static string WeizmannFolder => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data", "weizmann_horse_db"));

    /// <summary>The shared CamVid (SegNet's 11 classes; never copied into the project): ../shared/data/camvid from the repo root.</summary>
    public static string CamVidFolder => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data", "camvid"));

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Asm.Research.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"Asm.Research.sln not found above {AppContext.BaseDirectory}.");
    }
}
