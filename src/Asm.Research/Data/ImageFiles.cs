using Asm.Research.Platform;
using SixLabors.ImageSharp;
using Asm.Research.Data.Formats;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Asm.Research.Data;

/// <summary>
/// Guarded image decoding: every way a file can be bad (missing, not an image, too large,
/// truncated, corrupt) becomes a <see cref="DataException"/> that names the file. Images are
/// read as they are displayed: an EXIF orientation is applied (and then dropped from the metadata).
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

    /// <summary>
    /// Decodes a label-mask PNG as stored, the PNG's colour type deciding how it is read (never its pixel values):
    /// 8-bit grey (colour type 0) is a class-index mask, read value for value; RGB, RGBA and palette (types 2, 6, 3)
    /// are colour masks, read as RGB (alpha ignored). Grey with alpha and grey of other bit depths are refused (a
    /// 1-, 2- or 4-bit grey file would be scaled to 0…255 by the decoder, a 16-bit one cut to 8 bits), and so is
    /// anything that is not PNG (JPEG is lossy and cannot carry exact labels).
    /// </summary>
    /// <param name="path">The mask file.</param>
    /// <param name="maxPixels">Files whose header claims more pixels are refused before decoding.</param>
    public static MaskFile ReadMask(string path, long maxPixels)
    {
        var header = new byte[29];
        int read = 0;
        if (File.Exists(path))
        {
            try
            {
                using var stream = InputFile.OpenRead(path);
                read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new DataException($"{path}: cannot be read ({e.Message}).", path, e);
            }
        }
        if (!PngCompleteness.Matches(header.AsSpan(0, read)))
        {
            using var probe = ReadGray(path, maxPixels);   // throws for a missing, unreadable or broken file
            throw new DataException(
                $"{path}: label masks must be PNG files (8-bit grey class indices, or RGB/palette colours); this file is not PNG. " +
                "JPEG is lossy and cannot carry exact labels.", path);
        }
        if (read < header.Length || !header.AsSpan(12, 4).SequenceEqual("IHDR"u8))
        {
            using var broken = ReadGray(path, maxPixels);   // names the damage
            throw new DataException($"{path}: truncated or corrupt PNG (no IHDR header).", path);
        }
        int bitDepth = header[24], colourType = header[25];
        switch (colourType)
        {
            case 0 when bitDepth == 8:
            {
                using var grey = ReadGray(path, maxPixels);
                var values = new byte[grey.Width * grey.Height];
                grey.CopyPixelDataTo(values);
                return new MaskFile(path, grey.Width, grey.Height, false, values);
            }
            case 0:
                throw new DataException(
                    $"{path}: a {bitDepth}-bit grey PNG; class-index masks must be 8-bit grey (one byte, the class index, per pixel). Re-save it as 8-bit grey.", path);
            case 4:
                throw new DataException(
                    $"{path}: a grey PNG with alpha; save class-index masks as 8-bit grey without alpha, or colour masks as RGB or palette PNG.", path);
            case 2 or 3 or 6:
            {
                using var rgb = ReadRgb(path, maxPixels);
                var values = new byte[3 * rgb.Width * rgb.Height];
                rgb.CopyPixelDataTo(values);
                return new MaskFile(path, rgb.Width, rgb.Height, true, values);
            }
            default:
            {
                using var broken = ReadGray(path, maxPixels);
                throw new DataException($"{path}: truncated or corrupt PNG (colour type {colourType}).", path);
            }
        }
    }

    /// <summary>The pixels as 3×Height×Width RGB floats in [0, 1] (CHW, row-major): the layout S reads.</summary>
    public static float[] ToChw(Image<Rgb24> image)
    {
        ArgumentNullException.ThrowIfNull(image);
        int width = image.Width, plane = image.Width * image.Height;
        var chw = new float[3 * plane];
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (int x = 0; x < row.Length; x++)
                {
                    int k = y * width + x;
                    chw[k] = row[x].R / 255f;
                    chw[plane + k] = row[x].G / 255f;
                    chw[2 * plane + k] = row[x].B / 255f;
                }
            }
        });
        return chw;
    }

    private static Image<TPixel> Read<TPixel>(string path, long maxPixels) where TPixel : unmanaged, IPixel<TPixel>
    {
        if (Directory.Exists(path))
            throw new DataException($"{path} is a folder, not an image file.", path);
        if (!File.Exists(path))
            throw new DataException($"Image file not found: {path}", path);
        byte[] bytes;
        try
        {
            // One read of the file serves the header check, the completeness check and the decode.
            bytes = InputFile.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataException($"{path}: cannot be read ({e.Message}).", path, e);
        }
        var (format, check) = Format(bytes);
        if (check is null)
            throw NotAnImage(path, null);
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            // The header alone says what the file claims to be; checking it first means a
            // hostile or broken header cannot make the decoder allocate gigabytes.
            IImageInfo? info = Image.Identify(stream);
            if (info is null)
                throw Corrupt(path, format, "its header cannot be read", null);
            var (width, height) = DisplayedSize(info);
            long pixels = (long)width * height;
            if (width <= 0 || height <= 0)
                throw new DataException($"{path}: the header claims an empty image ({width}×{height}).", path);
            if (pixels > maxPixels)
                throw new DataException(
                    $"{path}: the header claims {width}×{height} = {pixels:N0} pixels, more than the limit of " +
                    $"{maxPixels:N0}; refused before decoding. If the image is genuine, raise the limit with --set data.maxImagePixels=N.", path);
            // ImageSharp decodes cut-off files without complaint (missing pixels become zeros or grey).
            if (check(bytes) is { } problem)
                throw Corrupt(path, format, problem, null);
            stream.Position = 0;
            var image = Image.Load<TPixel>(stream);
            // Read as displayed: a camera's EXIF orientation turns the stored pixels (and so the mask predict writes).
            image.Mutate(x => x.AutoOrient());
            if (image.Width != width || image.Height != height)
            {
                image.Dispose();
                throw Corrupt(path, format, $"it decodes to {image.Width}×{image.Height}, not the {width}×{height} of its header", null);
            }
            return image;
        }
        catch (DataException)
        {
            throw;
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            // Whatever a decoder throws on a damaged file (its own exception types, or an index or
            // argument error from data it did not expect), the file is at fault, not the caller.
            throw Corrupt(path, format, e.Message, e);
        }
    }

    /// <summary>
    /// The size the image is displayed at: the stored size, its sides swapped when the EXIF orientation (5–8) turns it
    /// a quarter turn.
    /// </summary>
    private static (int Width, int Height) DisplayedSize(IImageInfo info)
    {
        var orientation = info.Metadata.ExifProfile?.GetValue(ExifTag.Orientation)?.Value ?? 1;
        return orientation is >= 5 and <= 8 ? (info.Height, info.Width) : (info.Width, info.Height);
    }

    /// <summary>
    /// The format by content (a PNG renamed .jpg is fine) and its completeness check. Only formats
    /// whose completeness can be checked are accepted; GIF, TIFF, WebP, TGA and PBM are refused.
    /// </summary>
    private static (string Name, Func<byte[], string?>? Check) Format(byte[] bytes) =>
        JpegCompleteness.Matches(bytes) ? ("JPEG", JpegCompleteness.Problem)
        : PngCompleteness.Matches(bytes) ? ("PNG", PngCompleteness.Problem)
        : BmpCompleteness.Matches(bytes) ? ("BMP", BmpCompleteness.Problem)
        : ("unknown", null);

    private static DataException NotAnImage(string path, Exception? inner) =>
        new($"{path} is not an image the kit reads: its content is not JPEG, PNG or BMP (other formats are refused because a " +
            "cut-off file could not be told from a whole one; convert it to PNG).", path, inner);

    private static DataException Corrupt(string path, string format, string problem, Exception? inner) =>
        new($"{path}: truncated or corrupt {format} ({problem}). Re-download or re-export the file.", path, inner);
}
