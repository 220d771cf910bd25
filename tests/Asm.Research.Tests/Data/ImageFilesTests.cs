using Asm.Research.Data;
using SixLabors.ImageSharp;

namespace Asm.Research.Tests.Data;

public sealed class ImageFilesTests : IDisposable
{
    private readonly TestImages _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void ReadsAValidJpegAtItsSize()
    {
        string path = _files.Jpeg("ok.jpg", 20, 10);
        using var image = ImageFiles.ReadRgb(path, 1_000_000);
        Assert.Equal((20, 10), (image.Width, image.Height));
    }

    [Fact]
    public void MissingFileIsADataExceptionNamingIt()
    {
        string path = Path.Combine(_files.Root, "nowhere.jpg");
        var e = Assert.Throws<DataException>(() => ImageFiles.ReadRgb(path, 1_000_000));
        Assert.Contains(path, e.Message);
        Assert.Equal(path, e.Path);
    }

    [Fact]
    public void TruncatedJpegIsRefusedNamingTheFile()
    {
        string path = _files.Jpeg("cut.jpg", 64, 48);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length * 2 / 3)]);
        var e = Assert.Throws<DataException>(() => ImageFiles.ReadRgb(path, 1_000_000));
        Assert.Contains(path, e.Message);
        Assert.Contains("truncated or corrupt JPEG", e.Message);
    }

    [Fact]
    public void CutPngIsRefusedNamingTheFile()
    {
        string path = _files.Png("cut.png", 64, 48);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length * 2 / 3)]);
        var e = Assert.Throws<DataException>(() => ImageFiles.ReadRgb(path, 1_000_000));
        Assert.Contains(path, e.Message);
        Assert.Contains("truncated or corrupt PNG", e.Message);
    }

    [Fact]
    public void PngWhoseImageDataStopsShortIsRefusedNamingTheFile()
    {
        // Every chunk whole and its CRC right, but the image data holds only the first rows:
        // ImageSharp alone decodes this with the missing rows as zeros.
        string path = _files.Png("short.png", 64, 48);
        byte[] bytes = File.ReadAllBytes(path);
        int idat = bytes.AsSpan().IndexOf("IDAT"u8) - 4;
        int length = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(idat));
        byte[] data = bytes[(idat + 8)..(idat + 8 + length / 2)];
        var chunk = new List<byte>(TestImages.BigEndian((uint)data.Length));
        byte[] typed = [.. "IDAT"u8.ToArray(), .. data];
        chunk.AddRange(typed);
        chunk.AddRange(TestImages.BigEndian(TestImages.Crc32(typed)));
        File.WriteAllBytes(path, [.. bytes[..idat], .. chunk, .. bytes[(idat + 12 + length)..]]);
        using (var lenient = Image.Load(path)) Assert.Equal((64, 48), (lenient.Width, lenient.Height));

        var e = Assert.Throws<DataException>(() => ImageFiles.ReadRgb(path, 1_000_000));
        Assert.Contains(path, e.Message);
        Assert.Contains("inflates to", e.Message);
    }

    [Fact]
    public void GifIsRefusedAsAFormatWhoseCompletenessIsNotChecked()
    {
        string path = _files.PathOf("horse.png");
        using (var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgb24>(8, 8)) image.SaveAsGif(path);
        var e = Assert.Throws<DataException>(() => ImageFiles.ReadRgb(path, 1_000_000));
        Assert.Contains(path, e.Message);
        Assert.Contains("JPEG, PNG or BMP", e.Message);
    }

    [Fact]
    public void TextFileNamedJpgIsNotAnImage()
    {
        string path = _files.PathOf("notes.jpg");
        File.WriteAllText(path, "these are not the pixels you are looking for\n");
        var e = Assert.Throws<DataException>(() => ImageFiles.ReadGray(path, 1_000_000));
        Assert.Contains(path, e.Message);
        Assert.Contains("not an image", e.Message);
    }

    [Fact]
    public void HugeClaimedSizeIsRefusedBeforeDecoding()
    {
        string path = _files.PngHeaderOnly("huge.png", 100_000, 100_000);
        // The header is valid: ImageSharp itself reads the claimed size from it.
        var info = Image.Identify(path);
        Assert.Equal((100_000, 100_000), (info.Width, info.Height));

        var e = Assert.Throws<DataException>(() => ImageFiles.ReadRgb(path, 40_000_000));
        Assert.Contains(path, e.Message);
        Assert.Contains("100000×100000", e.Message);
        Assert.Contains("--set data.maxImagePixels", e.Message);
        Assert.Null(e.InnerException); // refused by the guard, not by a failed decode
    }
}
