using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace Asm.Research.Tests.Data;

/// <summary>Images stored sideways with an EXIF orientation, as phone cameras write them.</summary>
internal static class OrientedImages
{
    /// <summary>
    /// A <paramref name="width"/>×<paramref name="height"/> image, red growing with x and green with y, saved as JPEG
    /// (quality 100; compare colours coarsely) or PNG with an EXIF orientation (6: displayed a quarter turn clockwise,
    /// so <paramref name="height"/>×<paramref name="width"/>).
    /// </summary>
    public static string Write(string path, int width, int height, bool png, ushort orientation = 6)
    {
        using var image = new Image<Rgb24>(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                image[x, y] = new Rgb24((byte)(x * 255 / (width - 1)), (byte)(y * 255 / (height - 1)), 0);
        image.Metadata.ExifProfile = new ExifProfile();
        image.Metadata.ExifProfile.SetValue(ExifTag.Orientation, orientation);
        if (png) image.SaveAsPng(path);
        else image.SaveAsJpeg(path, new SixLabors.ImageSharp.Formats.Jpeg.JpegEncoder { Quality = 100 });
        return path;
    }
}
