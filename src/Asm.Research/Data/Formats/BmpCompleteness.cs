using System.Buffers.Binary;

namespace Asm.Research.Data.Formats;

/// <summary>
/// Checks that a BMP holds all the pixel data its header declares: uncompressed rows (padded to
/// 4 bytes) for every row, or an RLE stream that reaches its end-of-bitmap code. Other
/// compressions are refused: their completeness cannot be checked here.
/// </summary>
internal static class BmpCompleteness
{
    /// <summary>True for the "BM" signature.</summary>
    public static bool Matches(ReadOnlySpan<byte> bytes) => bytes.Length >= 2 && bytes[0] == (byte)'B' && bytes[1] == (byte)'M';

    /// <summary>Null when the BMP is complete, else what is wrong.</summary>
    public static string? Problem(byte[] bytes)
    {
        if (bytes.Length < 26) return "the file ends inside its header";
        var span = bytes.AsSpan();
        long offset = BinaryPrimitives.ReadUInt32LittleEndian(span[10..]);
        uint headerSize = BinaryPrimitives.ReadUInt32LittleEndian(span[14..]);
        long width, height;
        int bits;
        uint compression = 0;
        if (headerSize == 12)
        {
            width = BinaryPrimitives.ReadUInt16LittleEndian(span[18..]);
            height = BinaryPrimitives.ReadUInt16LittleEndian(span[20..]);
            bits = BinaryPrimitives.ReadUInt16LittleEndian(span[24..]);
        }
        else
        {
            if (headerSize < 40 || bytes.Length < 34) return "the file ends inside its header";
            width = BinaryPrimitives.ReadInt32LittleEndian(span[18..]);
            height = Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(span[22..]));
            bits = BinaryPrimitives.ReadUInt16LittleEndian(span[28..]);
            compression = BinaryPrimitives.ReadUInt32LittleEndian(span[30..]);
        }
        if (width <= 0 || height <= 0 || bits is not (1 or 2 or 4 or 8 or 16 or 24 or 32))
            return $"its header is invalid ({width}×{height}, {bits} bits per pixel)";
        if (offset < 14 + headerSize || offset > bytes.Length)
            return $"the pixel data offset {offset:N0} is outside the file ({bytes.Length:N0} bytes)";
        switch (compression)
        {
            case 0 or 3 or 6: // uncompressed, bit fields
                long needed = offset + (width * bits + 31) / 32 * 4 * height;
                return bytes.Length < needed ? $"the file has {bytes.Length:N0} of the {needed:N0} bytes its {width}×{height} header needs" : null;
            case 1 when bits == 8:
                return RleEnds(span[(int)offset..], fourBit: false) ? null : "its RLE8 data ends before the end-of-bitmap code";
            case 2 when bits == 4:
                return RleEnds(span[(int)offset..], fourBit: true) ? null : "its RLE4 data ends before the end-of-bitmap code";
            default:
                return $"its compression (type {compression}, {bits} bits) cannot be checked for completeness; re-save it as PNG";
        }
    }

    /// <summary>Walks the RLE codes: pairs (count, value); 00 00 end of line, 00 01 end of bitmap, 00 02 dx dy delta, 00 n n literal pixels (padded to 2 bytes).</summary>
    private static bool RleEnds(ReadOnlySpan<byte> data, bool fourBit)
    {
        int i = 0;
        while (i + 1 < data.Length)
        {
            byte count = data[i], code = data[i + 1];
            i += 2;
            if (count > 0) continue;
            switch (code)
            {
                case 0: break;
                case 1: return true;
                case 2: i += 2; break;
                default:
                    int literal = fourBit ? (code + 1) / 2 : code;
                    i += literal + (literal & 1);
                    break;
            }
        }
        return false;
    }
}
