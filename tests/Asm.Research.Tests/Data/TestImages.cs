using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace Asm.Research.Tests.Data;

/// <summary>Tiny image files for the bad-input tests, written with ImageSharp into a temporary folder.</summary>
public sealed class TestImages : IDisposable
{
    /// <summary>A fresh temporary folder, deleted on dispose.</summary>
    public string Root { get; } = Directory.CreateTempSubdirectory("asm-data-tests-").FullName;

    /// <summary>Full path of a file under <see cref="Root"/>, creating its folder.</summary>
    public string PathOf(string relative)
    {
        string path = System.IO.Path.Combine(Root, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>A noisy RGB JPEG (so it has real scan data), or a black/white blob mask when <paramref name="mask"/>.</summary>
    public string Jpeg(string relative, int width, int height, bool mask = false)
    {
        string path = PathOf(relative);
        using var image = Make(width, height, mask);
        image.SaveAsJpeg(path, new JpegEncoder { Quality = 90 });
        return path;
    }

    /// <summary>An RGB PNG, or a mask PNG with the given foreground value (1 or 255).</summary>
    public string Png(string relative, int width, int height, bool mask = false, byte foreground = 255)
    {
        string path = PathOf(relative);
        if (mask)
        {
            using var grey = new Image<L8>(width, height);
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                    grey[x, y] = new L8(InBlob(x, y, width, height) ? foreground : (byte)0);
            grey.SaveAsPng(path);
        }
        else
        {
            using var image = Make(width, height, false);
            image.SaveAsPng(path);
        }
        return path;
    }

    /// <summary>A valid PNG signature and IHDR chunk (correct CRC) claiming width×height, then nothing.</summary>
    public string PngHeaderOnly(string relative, uint width, uint height)
    {
        var ihdr = new List<byte>();
        ihdr.AddRange("IHDR"u8.ToArray());
        ihdr.AddRange(BigEndian(width));
        ihdr.AddRange(BigEndian(height));
        ihdr.AddRange(new byte[] { 8, 2, 0, 0, 0 }); // 8-bit RGB, deflate, no filter, no interlace
        var bytes = new List<byte> { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
        bytes.AddRange(BigEndian(13));
        bytes.AddRange(ihdr);
        bytes.AddRange(BigEndian(Crc32(ihdr.ToArray())));
        string path = PathOf(relative);
        File.WriteAllBytes(path, bytes.ToArray());
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }

    private static Image<Rgb24> Make(int width, int height, bool mask)
    {
        var random = new Random(width * 31 + height);
        var image = new Image<Rgb24>(width, height);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                if (mask)
                {
                    byte v = InBlob(x, y, width, height) ? (byte)255 : (byte)0;
                    image[x, y] = new Rgb24(v, v, v);
                }
                else
                {
                    image[x, y] = new Rgb24((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                }
            }
        }
        return image;
    }

    private static bool InBlob(int x, int y, int width, int height)
    {
        double dx = (x + 0.5) / width - 0.5, dy = (y + 0.5) / height - 0.5;
        return dx * dx + dy * dy < 0.09;
    }

    internal static byte[] BigEndian(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    internal static uint Crc32(byte[] data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return ~crc;
    }
}
