using Asm.Research.Configuration;
using Asm.Research.Data;

namespace Asm.Research.Tests.Data;

/// <summary>Every unusable input is a <see cref="DataException"/> whose message names the culprit.</summary>
public sealed class WeizmannBadInputTests : IDisposable
{
    private static readonly DataConfig Config = new() { Size = 8 };
    private readonly TestImages _files = new();

    public void Dispose() => _files.Dispose();

    private DataException LoadFails() => Assert.Throws<DataException>(() => WeizmannDatabase.Load(_files.Root, Config));

    [Fact]
    public void MissingFolder()
    {
        string folder = Path.Combine(_files.Root, "no-such-folder");
        var e = Assert.Throws<DataException>(() => WeizmannDatabase.Load(folder, Config));
        Assert.Contains(folder, e.Message);
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void EmptyFolder()
    {
        var e = LoadFails();
        Assert.Contains(_files.Root, e.Message);
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void UnrecognisedLayout()
    {
        _files.Jpeg("photos/horse001.jpg", 8, 8);
        var e = LoadFails();
        Assert.Contains(_files.Root, e.Message);
        Assert.Contains("figure_ground", e.Message);
    }

    [Fact]
    public void ImageWithoutMask()
    {
        _files.Jpeg("rgb/horse001.jpg", 16, 12);
        _files.Jpeg("figure_ground/horse001.jpg", 16, 12, mask: true);
        string lonely = _files.Jpeg("rgb/horse002.jpg", 16, 12);
        var e = LoadFails();
        Assert.Contains(lonely, e.Message);
        Assert.Contains("no mask", e.Message);
    }

    [Fact]
    public void MaskWithoutImage()
    {
        _files.Jpeg("rgb/horse001.jpg", 16, 12);
        _files.Jpeg("figure_ground/horse001.jpg", 16, 12, mask: true);
        string lonely = _files.Jpeg("figure_ground/horse003.jpg", 16, 12, mask: true);
        var e = LoadFails();
        Assert.Contains(lonely, e.Message);
        Assert.Contains("no image", e.Message);
    }

    [Fact]
    public void AspectRatioMismatchNamesBothFilesAndSizes()
    {
        string image = _files.Png("horse/h1.png", 40, 30);
        string mask = _files.Png("mask/h1.png", 30, 30, mask: true);
        var e = LoadFails();
        Assert.Contains(image, e.Message);
        Assert.Contains(mask, e.Message);
        Assert.Contains("40×30", e.Message);
        Assert.Contains("30×30", e.Message);
    }

    [Fact]
    public void SmallerMaskWithTheSameAspectIsFine()
    {
        _files.Jpeg("rgb/horse001.jpg", 160, 118);
        _files.Jpeg("figure_ground/horse001.jpg", 63, 46, mask: true);   // 1% apart, like the real 800×590 / 315×232
        var data = WeizmannDatabase.Load(_files.Root, Config with { TrainCount = 1 });
        Assert.Equal((63, 46), (data.Train[0].Original.Width, data.Train[0].Original.Height));
    }

    [Fact]
    public void TruncatedJpegInTheDatabase()
    {
        _files.Jpeg("rgb/horse001.jpg", 16, 12);
        _files.Jpeg("figure_ground/horse001.jpg", 16, 12, mask: true);
        string cut = _files.Jpeg("rgb/horse002.jpg", 64, 48);
        _files.Jpeg("figure_ground/horse002.jpg", 64, 48, mask: true);
        byte[] bytes = File.ReadAllBytes(cut);
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        var e = LoadFails();
        Assert.Contains(cut, e.Message);
        Assert.Contains("truncated or corrupt JPEG", e.Message);
    }

    [Fact]
    public void TextFileNamedJpgInTheDatabase()
    {
        _files.Jpeg("rgb/horse001.jpg", 16, 12);
        string text = _files.PathOf("figure_ground/horse001.jpg");
        File.WriteAllText(text, "not a mask");
        var e = LoadFails();
        Assert.Contains(text, e.Message);
        Assert.Contains("not an image", e.Message);
    }

    [Fact]
    public void HugeClaimedSizeInTheDatabase()
    {
        string huge = _files.PngHeaderOnly("horse/h1.png", 100_000, 100_000);
        _files.Png("mask/h1.png", 10, 10, mask: true);
        var e = LoadFails();
        Assert.Contains(huge, e.Message);
        Assert.Contains("--set data.maxImagePixels", e.Message);
    }
}
