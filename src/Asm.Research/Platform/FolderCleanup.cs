namespace Asm.Research.Platform;

/// <summary>Removes folders the kit made for its own use, where a failure to remove must not hide the error that matters.</summary>
internal static class FolderCleanup
{
    /// <summary>Deletes <paramref name="folder"/> and its contents if it exists; a folder that cannot be removed is left.</summary>
    public static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more can be done here; the caller's own error (if any) is the one to report.
        }
    }
}
