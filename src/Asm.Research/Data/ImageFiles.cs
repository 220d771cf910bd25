using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Asm.Research.Data;

/// <summary>
/// Guarded image decoding: every way a file can be bad (missing, not an image, too large,
/// truncated, corrupt) becomes a <see cref="DataException"/> that names the file.
/// </summary>
public static class ImageFiles
{
    /// <summary>Decodes an image as 8-bit RGB.</summary>
    /// <param name="path">The image file.</param>
    /// <param name="maxPixels">Files whose header claims more pixels are refused before decoding.</param>
    public static Image<Rgb24> ReadRgb(string path, long maxPixels) => Read<Rgb24>(path, maxPixels);

    /// <summary>Decodes an image as 8-bit grey (colour files are converted to luminance).</summary>
    /// <param name="path">The image file.</param>
    /// <param name="maxPixels">Files whose header claims more pixels are refused before decoding.</param>
    public static Image<L8> ReadGray(string path, long maxPixels) => Read<L8>(path, maxPixels);

    private static Image<TPixel> Read<TPixel>(string path, long maxPixels) where TPixel : unmanaged, IPixel<TPixel>
    {
        if (!File.Exists(path))
            throw new DataException($"Image file not found: {path}", path);
        try
        {
            // The header alone says what the file claims to be; checking it first means a
            // hostile or broken header cannot make the decoder allocate gigabytes.
            // One read of the file serves the header check, the truncation check and the decode.
            byte[] bytes = File.ReadAllBytes(path);
            using var stream = new MemoryStream(bytes, writable: false);
            IImageInfo? info = Image.Identify(stream);
            if (info is null)
                throw NotAnImage(path, null);
            long pixels = (long)info.Width * info.Height;
            if (info.Width <= 0 || info.Height <= 0)
                throw new DataException($"{path}: the header claims an empty image ({info.Width}×{info.Height}).", path);
            if (pixels > maxPixels)
                throw new DataException(
                    $"{path}: the header claims {info.Width}×{info.Height} = {pixels:N0} pixels, more than the limit of " +
                    $"{maxPixels:N0}; refused before decoding. Raise DataConfig.MaxImagePixels if the image is genuine.", path);
            if (IsJpeg(bytes) && !JpegHasEnd(bytes))
                throw Corrupt(path, "the file ends before the JPEG end-of-image marker", null);
            stream.Position = 0;
            return Image.Load<TPixel>(stream);
        }
        catch (DataException)
        {
            throw;
        }
        catch (UnknownImageFormatException e)
        {
            throw NotAnImage(path, e);
        }
        catch (Exception e) when (e is InvalidImageContentException or ImageFormatException or NotSupportedException
                                      or EndOfStreamException or InvalidDataException or ArgumentException
                                      or IndexOutOfRangeException or InvalidOperationException)
        {
            throw Corrupt(path, e.Message, e);
        }
        catch (IOException e)
        {
            throw new DataException($"{path}: cannot be read ({e.Message}).", path, e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new DataException($"{path}: cannot be read ({e.Message}).", path, e);
        }
    }

    private static DataException NotAnImage(string path, Exception? inner) =>
        new($"{path} is not an image: its content is not a format ImageSharp recognises (JPEG, PNG, BMP, GIF, TGA, TIFF, WebP, PBM).", path, inner);

    private static DataException Corrupt(string path, string problem, Exception? inner) =>
        new($"{path}: truncated or corrupt {FormatName(path)} ({problem}). Re-download or re-export the file.", path, inner);

    private static string FormatName(string path) =>
        path.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase) ? "JPEG" : "image";

    // Decided by content, not by the name: a PNG renamed .jpg is fine.
    private static bool IsJpeg(byte[] bytes) => bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF;

    /// <summary>
    /// ImageSharp decodes a JPEG cut off in its scan data without complaint (it fills the rest
    /// grey), which would silently poison the data set. Entropy-coded data cannot contain a
    /// marker (0xFF is byte-stuffed), so a complete file has an end-of-image marker (FF D9)
    /// after its last start-of-scan (FF DA).
    /// </summary>
    private static bool JpegHasEnd(byte[] bytes)
    {
        int lastScan = -1;
        for (int i = bytes.Length - 2; i >= 0; i--)
        {
            if (bytes[i] == 0xFF && bytes[i + 1] == 0xDA) { lastScan = i; break; }
        }
        if (lastScan < 0) return false;
        for (int i = bytes.Length - 2; i > lastScan; i--)
        {
            if (bytes[i] == 0xFF && bytes[i + 1] == 0xD9) return true;
        }
        return false;
    }
}
