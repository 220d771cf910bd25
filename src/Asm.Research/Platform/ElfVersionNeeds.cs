using System.Buffers.Binary;
using System.Text;

namespace Asm.Research.Platform;

/// <summary>
/// Reads and edits the symbol-version requirements (<c>.gnu.version_r</c>) of a 64-bit
/// little-endian ELF shared object. Used to mark a version need as weak, so that the
/// dynamic loader accepts an older libstdc++ that lacks a version nothing really binds to.
/// </summary>
public static class ElfVersionNeeds
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    /// <summary>VER_FLG_WEAK from elf.h.</summary>
    public const ushort WeakFlag = 0x2;

    /// <summary>One version requirement: the library it is asked of, its name and flags.</summary>
    public sealed record VersionNeed(string File, string Name, ushort Flags, long FlagsOffset)
    {
        /// <summary>True when a missing version is tolerated by the loader.</summary>
        public bool IsWeak => (Flags & WeakFlag) != 0;
    }

    /// <summary>Lists every version requirement in <paramref name="elf"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a 64-bit little-endian ELF file.</exception>
    public static IReadOnlyList<VersionNeed> Read(ReadOnlySpan<byte> elf)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("only 64-bit little-endian ELF files are supported");

        long shoff = (long)U64(elf, 0x28);
        int shentsize = U16(elf, 0x3a), shnum = U16(elf, 0x3c);
        var needs = new List<VersionNeed>();
        for (int i = 0; i < shnum; i++)
        {
            int sh = checked((int)(shoff + (long)i * shentsize));
            if (U32(elf, sh + 4) != ShtGnuVerneed) continue;

            long offset = (long)U64(elf, sh + 0x18);
            int link = (int)U32(elf, sh + 0x28);
            int strSh = checked((int)(shoff + (long)link * shentsize));
            long strOffset = (long)U64(elf, strSh + 0x18);

            long entry = offset;
            while (true)
            {
                int e = checked((int)entry);
                ushort count = U16(elf, e + 2);
                string file = CString(elf, strOffset + U32(elf, e + 4));
                long aux = entry + U32(elf, e + 8);
                for (int k = 0; k < count; k++)
                {
                    int a = checked((int)aux);
                    needs.Add(new VersionNeed(file, CString(elf, strOffset + U32(elf, a + 8)), U16(elf, a + 4), aux + 4));
                    uint nextAux = U32(elf, a + 12);
                    if (nextAux == 0) break;
                    aux += nextAux;
                }
                uint next = U32(elf, e + 12);
                if (next == 0) break;
                entry += next;
            }
        }
        return needs;
    }

    /// <summary>
    /// Marks the named version requirements weak in place; returns how many it changed.
    /// </summary>
    public static int MarkWeak(byte[] elf, IEnumerable<string> versionNames)
    {
        var wanted = new HashSet<string>(versionNames, StringComparer.Ordinal);
        int changed = 0;
        foreach (var need in Read(elf))
        {
            if (!wanted.Contains(need.Name) || need.IsWeak) continue;
            BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(checked((int)need.FlagsOffset)), (ushort)(need.Flags | WeakFlag));
            changed++;
        }
        return changed;
    }

    private static ushort U16(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt16LittleEndian(b[at..]);
    private static uint U32(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt32LittleEndian(b[at..]);
    private static ulong U64(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt64LittleEndian(b[at..]);

    private static string CString(ReadOnlySpan<byte> b, long at)
    {
        var s = b[checked((int)at)..];
        int end = s.IndexOf((byte)0);
        return Encoding.ASCII.GetString(end < 0 ? s : s[..end]);
    }
}
