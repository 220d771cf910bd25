namespace Asm.Research.Platform;

/// <summary>
/// A path with every symbolic link along it resolved, so that two names of one file or folder compare
/// equal (a link to the notebook's folder is that folder). Parts that do not exist yet are kept as given.
/// </summary>
public static class RealPath
{
    private const int MaxLinks = 40; // as the kernel's own limit on links followed in one lookup

    /// <summary>The absolute, link-free form of <paramref name="path"/>.</summary>
    /// <exception cref="IOException">More than 40 links along the way (a cycle).</exception>
    public static string Of(string path)
    {
        int links = 0;
        string full = Path.GetFullPath(path);
        string root = Path.GetPathRoot(full)!;
        var parts = new Queue<string>(full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries));
        string current = root;
        while (parts.Count > 0)
        {
            string next = Path.Combine(current, parts.Dequeue());
            string? target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }
            if (++links > MaxLinks) throw new IOException($"{full}: too many symbolic links along the path");
            // The target replaces the link's part and is itself resolved, part by part, before what followed the link.
            string resolved = Path.GetFullPath(target, current);
            string targetRoot = Path.GetPathRoot(resolved)!;
            var rest = parts.ToList();
            parts = new Queue<string>(resolved[targetRoot.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Concat(rest));
            current = targetRoot;
        }
        return current;
    }
}
