namespace Asm.Research.Data.Formats;

/// <summary>
/// Checks that a JPEG is not cut off: ImageSharp decodes a JPEG that ends inside its scan data
/// without complaint (it fills the rest grey). Entropy-coded data cannot contain a marker (0xFF
/// is byte-stuffed), so a complete file has an end-of-image marker (FF D9) after its last
/// start-of-scan (FF DA). A file cut and then re-terminated is not detected: JPEG carries no checksum.
/// </summary>
internal static class JpegCompleteness
{
    /// <summary>True for the JPEG start-of-image marker.</summary>
    public static bool Matches(ReadOnlySpan<byte> bytes) => bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF;

    /// <summary>Null when the JPEG has its end, else what is wrong.</summary>
    public static string? Problem(byte[] bytes)
    {
        int lastScan = -1;
        for (int i = bytes.Length - 2; i >= 0; i--)
        {
            if (bytes[i] == 0xFF && bytes[i + 1] == 0xDA) { lastScan = i; break; }
        }
        if (lastScan < 0) return "the file has no scan data";
        for (int i = bytes.Length - 2; i > lastScan; i--)
        {
            if (bytes[i] == 0xFF && bytes[i + 1] == 0xD9) return null;
        }
        return "the file ends before the JPEG end-of-image marker";
    }
}
