using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Asm.Research.Platform;

/// <summary>
/// Self-check verdicts on disk, one small JSON file per CPU, libtorch version, thread counts and
/// shape set, under <c>$XDG_CACHE_HOME/asm-research/onednn-isa/</c> (default <c>~/.cache/…</c>).
/// Any change of those gives a new key, so the check runs again; deleting the folder forgets all.
/// </summary>
public sealed class OneDnnIsaCache(string directory)
{
    /// <summary>The folder the files live in.</summary>
    public string Directory { get; } = directory;

    /// <summary>The per-user default folder.</summary>
    public static OneDnnIsaCache Default() => new(Path.Combine(CacheFolder.Root(), "onednn-isa"));

    /// <summary>What a file holds: the verdict and what it was decided for.</summary>
    public sealed record Entry(string Isa, string Reason, string Cpu, string LibTorch, int[] Threads, int Shapes, DateTimeOffset CheckedAt);

    /// <summary>A key that changes with any of its inputs.</summary>
    public static string Key(string cpu, string libTorch, IReadOnlyList<int> threads, IEnumerable<ConvolutionShape> shapes)
    {
        string text = $"{cpu}\n{libTorch}\n{string.Join(",", threads)}\n{string.Join("\n", shapes.Select(s => s.ToString()).Order(StringComparer.Ordinal))}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..20].ToLowerInvariant();
    }

    /// <summary>The stored verdict for <paramref name="key"/>, or null (none, or unreadable: then it is checked again).</summary>
    public Entry? Read(string key)
    {
        try
        {
            string path = PathOf(key);
            return File.Exists(path) ? JsonSerializer.Deserialize<Entry>(File.ReadAllText(path)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Stores a verdict atomically; a cache that cannot be written is skipped (the check just runs again next time).</summary>
    public void Write(string key, Entry entry)
    {
        try
        {
            AtomicFile.WriteAllText(PathOf(key), JsonSerializer.Serialize(entry, new JsonSerializerOptions { WriteIndented = true }));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Training.Output.OutputFolderException)
        {
        }
    }

    private string PathOf(string key) => Path.Combine(Directory, $"{key}.json");
}
