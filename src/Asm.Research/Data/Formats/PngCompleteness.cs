using System.Buffers.Binary;
using System.IO.Compression;

namespace Asm.Research.Data.Formats;

/// <summary>
/// Checks that a PNG is whole before it is decoded: ImageSharp fills the rows of a cut-off PNG
/// with zeros without complaint. Every chunk must be complete with a matching CRC, the image
/// data must be followed by IEND, and it must inflate to at least the bytes the header's size,
/// colour type, bit depth and interlacing need.
/// </summary>
internal static class PngCompleteness
{
    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>True for the PNG signature.</summary>
    public static bool Matches(ReadOnlySpan<byte> bytes) => bytes.StartsWith(Signature);

    /// <summary>Null when the PNG is complete, else what is wrong.</summary>
    public static string? Problem(byte[] bytes)
    {
        int position = Signature.Length;
        Header? header = null;
        var data = new MemoryStream();
        while (true)
        {
            if (bytes.Length - position < 12)
                return header is null ? "the file ends before its header chunk" : "the file ends before the IEND chunk";
            uint length = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(position));
            if (length > int.MaxValue || length > bytes.Length - position - 12)
                return $"the file ends inside a chunk (declared {length:N0} bytes at offset {position:N0})";
            var type = bytes.AsSpan(position + 4, 4);
            var body = bytes.AsSpan(position + 8, (int)length);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(position + 8 + (int)length));
            if (Crc32.Of(bytes.AsSpan(position + 4, 4 + (int)length)) != crc)
                return $"chunk '{Name(type)}' at offset {position:N0} fails its CRC check";
            if (header is null)
            {
                if (!type.SequenceEqual("IHDR"u8) || length != 13) return "the first chunk is not a valid IHDR header";
                header = Header.Read(body);
                if (header is null) return "the IHDR header has an invalid colour type, bit depth or interlace method";
            }
            else if (type.SequenceEqual("IDAT"u8))
                data.Write(body);
            else if (type.SequenceEqual("IEND"u8))
                break;
            position += 12 + (int)length;
        }
        return Inflated(data, header.Value.ImageBytes());
    }

    private static string? Inflated(MemoryStream data, long needed)
    {
        if (data.Length == 0) return "it has no image data (IDAT)";
        data.Position = 0;
        long total = 0;
        var buffer = new byte[81920];
        try
        {
            using var inflate = new ZLibStream(data, CompressionMode.Decompress);
            int n;
            while (total < needed && (n = inflate.Read(buffer, 0, (int)Math.Min(buffer.Length, needed - total))) > 0) total += n;
        }
        catch (InvalidDataException e)
        {
            return $"its compressed image data is corrupt ({e.Message})";
        }
        return total < needed ? $"its image data inflates to {total:N0} of the {needed:N0} bytes its header's size needs" : null;
    }

    private static string Name(ReadOnlySpan<byte> type)
    {
        var chars = new char[4];
        for (int i = 0; i < 4; i++) chars[i] = type[i] is >= 0x20 and < 0x7F ? (char)type[i] : '?';
        return new string(chars);
    }

    private readonly record struct Header(long Width, long Height, int BitsPerPixel, bool Interlaced)
    {
        public static Header? Read(ReadOnlySpan<byte> ihdr)
        {
            long width = BinaryPrimitives.ReadUInt32BigEndian(ihdr), height = BinaryPrimitives.ReadUInt32BigEndian(ihdr[4..]);
            int depth = ihdr[8], colour = ihdr[9], interlace = ihdr[12];
            int channels = colour switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => 0 };
            bool depthOk = colour switch
            {
                0 => depth is 1 or 2 or 4 or 8 or 16,
                3 => depth is 1 or 2 or 4 or 8,
                _ => depth is 8 or 16,
            };
            if (channels == 0 || !depthOk || interlace > 1 || width == 0 || height == 0) return null;
            return new Header(width, height, channels * depth, interlace == 1);
        }

        /// <summary>Filtered scanline bytes: one filter byte per row plus the packed pixels, per Adam7 pass when interlaced.</summary>
        public long ImageBytes()
        {
            if (!Interlaced) return Rows(Width, Height);
            // Adam7: (x start, y start, x step, y step) of the seven passes.
            ReadOnlySpan<int> passes = [0, 0, 8, 8, 4, 0, 8, 8, 0, 4, 4, 8, 2, 0, 4, 4, 0, 2, 2, 4, 1, 0, 2, 2, 0, 1, 1, 2];
            long total = 0;
            for (int p = 0; p < 7; p++)
            {
                long w = (Width - passes[4 * p] + passes[4 * p + 2] - 1) / passes[4 * p + 2];
                long h = (Height - passes[4 * p + 1] + passes[4 * p + 3] - 1) / passes[4 * p + 3];
                if (w > 0 && h > 0) total += Rows(w, h);
            }
            return total;
        }

        private long Rows(long width, long height) => height * (1 + (width * BitsPerPixel + 7) / 8);
    }
}
