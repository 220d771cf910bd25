using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Data.Catalog;
using SixLabors.ImageSharp.PixelFormats;

namespace Asm.Research.Tests.Data;

/// <summary>The CamVid reader on tiny layouts: what it accepts, and every refusal naming the file and the value or line.</summary>
public sealed class CamVidBadInputTests : IDisposable
{
    private const int W = 12, H = 9;
    private readonly LabelFiles _files = new();

    public void Dispose() => _files.Dispose();

    private DataConfig Config => new() { Source = _files.Root, Size = new ImageSize(6, 8) };

    private SegmentationDataset Load(DataConfig? config = null) => new CamVidFormat().Load(config ?? Config, null, default);

    private DataException LoadFails(DataConfig? config = null) => Assert.Throws<DataException>(() => Load(config));

    /// <summary>train/ a, b and val/ c with masks of classes 0–10 and void 11; split files unless <paramref name="splitFiles"/> is false.</summary>
    private void Layout(bool splitFiles = true)
    {
        foreach (var (split, name, shift) in new[] { ("train", "a", 0), ("train", "b", 3), ("val", "c", 5) })
        {
            _files.Image($"{split}/{name}.png", W, H);
            var values = LabelFiles.Pattern(W, H, 11, withVoid: true, shift).Select(v => v == 255 ? (byte)11 : v).ToArray();
            _files.IndexMask($"{split}annot/{name}.png", W, H, values);
        }
        if (splitFiles)
        {
            _files.Text("train.txt", "train/a.png trainannot/a.png\ntrain/b.png trainannot/b.png\n");
            _files.Text("val.txt", "val/c.png valannot/c.png\n");
        }
    }

    [Fact]
    public void ReadsClassesAndVoidExactly()
    {
        Layout();
        var data = Load();
        Assert.Equal(["a", "b"], data.Train.Select(s => s.Name));
        Assert.Equal(["c"], data.Test.Select(s => s.Name));
        var expected = LabelFiles.Pattern(W, H, 11, withVoid: true, 3);   // void 11 → 255, classes 0–10 kept (never thresholded)
        Assert.Equal(expected, data.Train[1].Original.Values);
        Assert.Equal((6, 8), (data.Train[0].Height, data.Train[0].Width));
    }

    [Fact]
    public void WithoutSplitFilesTheFoldersArePairedByName()
    {
        Layout(splitFiles: false);
        Assert.True(new CamVidFormat().Matches(_files.Root));
        var data = Load();
        Assert.Equal(["a", "b"], data.Train.Select(s => s.Name));
        Assert.Equal(["c"], data.Test.Select(s => s.Name));
    }

    [Fact]
    public void SegNetsAbsolutePathsAreReadByTheirLastTwoComponents()
    {
        Layout();
        _files.Text("train.txt", "/SegNet/CamVid/train/b.png /SegNet/CamVid/trainannot/b.png\r\n\r\n/SegNet/CamVid/train/a.png /SegNet/CamVid/trainannot/a.png\r\n");
        Assert.Equal(["b", "a"], Load().Train.Select(s => s.Name));
    }

    [Fact]
    public void AllTestMakesBothSplitsTest()
    {
        Layout();
        var data = Load(Config with { AllTest = true });
        Assert.Empty(data.Train);
        Assert.Equal(["a", "b", "c"], data.Test.Select(s => s.Name));
    }

    [Fact]
    public void ValueOutsideTheClassesNamesFileValueAndClassCount()
    {
        Layout();
        var values = new byte[W * H];
        values[2 * W + 5] = 12;
        string mask = _files.IndexMask("trainannot/b.png", W, H, values);
        var e = LoadFails();
        Assert.Contains(mask, e.Message);
        Assert.Contains("value 12", e.Message);
        Assert.Contains("(x 5, y 2)", e.Message);
        Assert.Contains("11 classes", e.Message);
    }

    [Fact]
    public void ColourMaskIsRefused()
    {
        Layout();
        string mask = _files.ColourMask("valannot/c.png", W, H, Enumerable.Repeat(new Rgb24(128, 64, 128), W * H).ToArray());
        var e = LoadFails();
        Assert.Contains(mask, e.Message);
        Assert.Contains("8-bit grey", e.Message);
    }

    [Fact]
    public void JpegMaskIsRefused()
    {
        Layout();
        var jpeg = new TestImages();
        string mask = _files.PathOf("trainannot/a.png");
        File.Copy(jpeg.Jpeg("m.jpg", W, H, mask: true), mask, overwrite: true);
        jpeg.Dispose();
        var e = LoadFails();
        Assert.Contains(mask, e.Message);
        Assert.Contains("must be PNG", e.Message);
    }

    [Fact]
    public void SplitFileNamingAMissingFileNamesTheLine()
    {
        Layout();
        string list = _files.Text("train.txt", "train/a.png trainannot/a.png\ntrain/gone.png trainannot/gone.png\n");
        var e = LoadFails();
        Assert.Contains(list, e.Message);
        Assert.Contains("line 2", e.Message);
        Assert.Contains("train/gone.png", e.Message);
    }

    [Fact]
    public void SplitFileLineWithoutTwoPathsIsRefused()
    {
        Layout();
        string list = _files.Text("val.txt", "val/c.png\n");
        var e = LoadFails();
        Assert.Contains(list, e.Message);
        Assert.Contains("line 1", e.Message);
    }

    [Fact]
    public void ImageWithoutMaskNamesTheImage()
    {
        Layout(splitFiles: false);
        string lonely = _files.Image("train/d.png", W, H);
        var e = LoadFails();
        Assert.Contains(lonely, e.Message);
        Assert.Contains("no mask", e.Message);
    }

    [Fact]
    public void MaskWithoutImageNamesTheMask()
    {
        Layout(splitFiles: false);
        string lonely = _files.IndexMask("valannot/e.png", W, H, new byte[W * H]);
        var e = LoadFails();
        Assert.Contains(lonely, e.Message);
        Assert.Contains("no image", e.Message);
    }

    [Fact]
    public void SizeMismatchNamesBothFilesAndSizes()
    {
        Layout();
        string image = _files.Image("train/a.png", 24, 18);   // same aspect, twice the size: still refused
        var e = LoadFails();
        Assert.Contains(image, e.Message);
        Assert.Contains(_files.PathOf("trainannot/a.png"), e.Message);
        Assert.Contains("24×18", e.Message);
        Assert.Contains($"{W}×{H}", e.Message);
        Assert.Contains("exact size", e.Message);
    }

    [Fact]
    public void EmptySplitNamesTheFolder()
    {
        Layout();
        _files.Text("val.txt", "\n");
        var e = LoadFails();
        Assert.Contains(_files.Root, e.Message);
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void MissingTestSplitIsAClearError()
    {
        Layout();
        var e = LoadFails(Config with { TestSplit = "test" });
        Assert.Contains("data.testSplit = test", e.Message);
        Assert.Contains(_files.Root, e.Message);
    }

    [Fact]
    public void TestSplitIsReadWhenPresent()
    {
        Layout();
        _files.Image("test/t.png", W, H);
        _files.IndexMask("testannot/t.png", W, H, new byte[W * H]);
        var data = Load(Config with { TestSplit = "test" });
        Assert.Equal(["t"], data.Test.Select(s => s.Name));
        Assert.Equal(2, data.Train.Count);
    }
}
