using System.Runtime.InteropServices;

namespace Asm.Research.Platform;

/// <summary>
/// What kind of file a Unix path names, following symbolic links. .NET's own <see cref="FileInfo"/> reports a FIFO or a
/// device as an ordinary file, so this asks stat(2) through the runtime's own native shim (libSystem.Native ships with
/// every .NET runtime, and unlike libc's struct stat its FileStatus layout is the same on every architecture).
/// </summary>
internal static class UnixFileType
{
    private const int TypeMask = 0xF000;
    private const int Regular = 0x8000, Folder = 0x4000, Fifo = 0x1000, CharacterDevice = 0x2000, BlockDevice = 0x6000, Socket = 0xC000;
    private const int ModeOffset = 4;       // FileStatus: int Flags, int Mode, …
    private const int StatusSize = 256;     // larger than FileStatus on any runtime version

    /// <summary>
    /// What the path is when it exists and is not a regular file or a folder ("a FIFO", "a character device", …);
    /// null for a regular file, a folder, a missing path, or where the question cannot be asked (Windows).
    /// </summary>
    public static string? NonRegularKind(string path)
    {
        if (OperatingSystem.IsWindows()) return null;
        var status = new byte[StatusSize];
        try
        {
            if (Stat(path, status) != 0) return null;   // missing or unreadable: the reader names it
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;   // a runtime without the shim: read as before rather than refuse every file
        }
        return (BitConverter.ToInt32(status, ModeOffset) & TypeMask) switch
        {
            Regular or Folder => null,
            Fifo => "a FIFO (named pipe)",
            CharacterDevice => "a character device",
            BlockDevice => "a block device",
            Socket => "a socket",
            _ => "not a plain file",
        };
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] status);
}
