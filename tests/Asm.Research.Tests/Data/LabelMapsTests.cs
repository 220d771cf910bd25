using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Data.Catalog;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace Asm.Research.Tests.Data;

/// <summary>The labelmaps reader: index, colour and palette masks, split files, the classes file, and every refusal.</summary>
public sealed class LabelMapsTests : IDisposable
{
    private const int W = 10, H = 7;
    private const string Classes = """
        { "name": "toy", "classes": [ {"name": "background", "colour": "#000000"}, {"name": "road", "colour": "#804080"},
          {"name": "pole", "colour": "#c0c080"} ], "void": 255, "voidColour": "#FFFFFF" }
        """;
    private static readonly Rgb24[] Palette = [new(0, 0, 0), new(128, 64, 128), new(192, 192, 128)];
    private static readonly Rgb24 VoidRgb = new(255, 255, 255);
    private readonly LabelFiles _files = new();

    public void Dispose() => _files.Dispose();

    private DataConfig Config => new() { Source = _files.Root, Size = new ImageSize(5, 4), TrainCount = 2 };

    private SegmentationDataset Load(DataConfig? config = null) => DatasetCatalog.Load(config ?? Config);

    private DataException LoadFails(DataConfig? config = null) => Assert.Throws<DataException>(() => Load(config));

    private static Rgb24[] Colours(byte[] labels) => labels.Select(v => v == 255 ? VoidRgb : Palette[v]).ToArray();

    /// <summary>Samples s0…s{n−1}: s0 an index mask, s1 an RGB colour mask, s2 a palette mask, then index masks.</summary>
    private void Layout(int count = 4, string masks = "masks")
    {
        _files.Text("classes.json", Classes);
        for (int i = 0; i < count; i++)
        {
            _files.Image($"images/s{i}.png", W, H);
            var labels = LabelFiles.Pattern(W, H, 3, withVoid: true, shift: i);
            if (i == 1) _files.ColourMask($"{masks}/s{i}.png", W, H, Colours(labels));
            else if (i == 2) _files.ColourMask($"{masks}/s{i}.png", W, H, Colours(labels), palette: true);
            else _files.IndexMask($"{masks}/s{i}.png", W, H, labels);
        }
    }

    [Fact]
    public void IndexRgbAndPaletteMasksDecodeToTheSameLabels()
    {
        _files.Text("classes.json", Classes);
        var labels = LabelFiles.Pattern(W, H, 3, withVoid: true);
        _files.Image("images/a.png", W, H);
        _files.Image("images/b.png", W, H);
        _files.Image("images/c.png", W, H);
        _files.Image("images/d.png", W, H);
        string index = _files.IndexMask("masks/a.png", W, H, labels);
        string rgb = _files.ColourMask("masks/b.png", W, H, Colours(labels));
        string palette = _files.ColourMask("masks/c.png", W, H, Colours(labels), palette: true);
        _files.IndexMask("masks/d.png", W, H, labels);
        Assert.Equal((0, 2, 3), (LabelFiles.PngColourType(index), LabelFiles.PngColourType(rgb), LabelFiles.PngColourType(palette)));

        var data = Load(Config with { TrainCount = 1 });
        var all = data.Train.Concat(data.Test).ToList();
        Assert.Equal(["a", "b", "c", "d"], all.Select(s => s.Name));
        Assert.All(all.Take(3), s => Assert.Equal(labels, s.Original.Values));
        Assert.Contains((byte)2, all[0].Original.Values);   // not thresholded
        Assert.Contains((byte)255, all[0].Original.Values);
        Assert.Equal(all[0].Mask, all[1].Mask);
        Assert.Equal(all[0].Mask, all[2].Mask);
    }

    [Fact]
    public void TaskComesFromTheClassesFile()
    {
        Layout();
        var task = DatasetCatalog.TaskOf(Config);
        Assert.Equal("toy", task.Name);
        Assert.Equal(["background", "road", "pole"], task.ClassNames);
        Assert.Equal("#C0C080", task.Classes[2].Colour);
        Assert.Equal(255, task.VoidIndex);
        Assert.True(task.SameAs(Load().Task));
    }

    [Fact]
    public void LabelsFolderAndSortedSplitByTrainCount()
    {
        Layout(masks: "labels");
        var data = Load();
        Assert.Equal(["s0", "s1"], data.Train.Select(s => s.Name));
        Assert.Equal(["s2", "s3"], data.Test.Select(s => s.Name));
        Assert.All(data.Train.Concat(data.Test), s => Assert.Equal((5, 4, 20), (s.Height, s.Width, s.Mask.Length)));
        var all = Load(Config with { AllTest = true });
        Assert.Empty(all.Train);
        Assert.Equal(4, all.Test.Count);
    }

    [Fact]
    public void SplitFilesChooseTheSamples()
    {
        Layout();
        _files.Text("train.txt", "s3\nimages/s1.png\n\n");
        _files.Text("val.txt", "s0\n");
        var data = Load();
        Assert.Equal(["s3", "s1"], data.Train.Select(s => s.Name));
        Assert.Equal(["s0"], data.Test.Select(s => s.Name));
        _files.Text("test.txt", "s2\n");
        Assert.Equal(["s2"], Load(Config with { TestSplit = "test" }).Test.Select(s => s.Name));
        Assert.Equal(["s0"], Load(Config with { TestSplit = "val" }).Test.Select(s => s.Name));
    }

    [Fact]
    public void TrainFileAloneLeavesTheRestForTesting()
    {
        Layout();
        _files.Text("train.txt", "s1\ns2\n");
        Assert.Equal(["s0", "s3"], Load().Test.Select(s => s.Name));
    }

    [Fact]
    public void TrainCountLeavingNoTestIsRefused()
    {
        Layout();
        var e = LoadFails(Config with { TrainCount = 4 });
        Assert.Contains("data.trainCount = 4", e.Message);
        Assert.Contains("4 samples", e.Message);
    }

    [Fact]
    public void IndexValueOutsideTheClassesNamesFileValueAndCount()
    {
        Layout();
        var labels = new byte[W * H];
        labels[3 * W + 4] = 7;
        string mask = _files.IndexMask("masks/s3.png", W, H, labels);
        var e = LoadFails();
        Assert.Contains(mask, e.Message);
        Assert.Contains("value 7", e.Message);
        Assert.Contains("(x 4, y 3)", e.Message);
        Assert.Contains("3 classes", e.Message);
    }

    [Fact]
    public void VoidValueWithoutDeclaredVoidIsRefused()
    {
        Layout();
        _files.Text("classes.json", """{ "classes": [ {"name": "a", "colour": "#000000"}, {"name": "b", "colour": "#804080"}, {"name": "c", "colour": "#C0C080"} ] }""");
        var e = LoadFails();
        Assert.Contains(_files.PathOf("masks/s0.png"), e.Message);
        Assert.Contains("value 255", e.Message);
        Assert.Contains("no void", e.Message);
    }

    [Fact]
    public void ColourNotInTheTableNamesFileColourAndPlace()
    {
        Layout();
        var colours = Colours(new byte[W * H]);
        colours[2 * W + 3] = new Rgb24(0x12, 0x34, 0x56);
        string mask = _files.ColourMask("masks/s1.png", W, H, colours);
        var e = LoadFails();
        Assert.Contains(mask, e.Message);
        Assert.Contains("#123456", e.Message);
        Assert.Contains("(x 3, y 2)", e.Message);
    }

    [Fact]
    public void PaletteColourNotInTheTableIsRefused()
    {
        Layout();
        var colours = Colours(new byte[W * H]);
        colours[W - 1] = new Rgb24(0xAB, 0, 0);
        string mask = _files.ColourMask("masks/s2.png", W, H, colours, palette: true);
        var e = LoadFails();
        Assert.Contains(mask, e.Message);
        Assert.Contains("#AB0000", e.Message);
        Assert.Contains($"(x {W - 1}, y 0)", e.Message);
    }

    [Fact]
    public void GreyWithAlphaAndSixteenBitGreyAreRefused()
    {
        Layout();
        string path = _files.PathOf("masks/s3.png");
        using (var image = new Image<La16>(W, H)) image.SaveAsPng(path, new PngEncoder { ColorType = PngColorType.GrayscaleWithAlpha });
        Assert.Contains("alpha", LoadFails().Message);
        using (var image = new Image<L16>(W, H)) image.SaveAsPng(path, new PngEncoder { ColorType = PngColorType.Grayscale, BitDepth = PngBitDepth.Bit16 });
        var e = LoadFails();
        Assert.Contains(path, e.Message);
        Assert.Contains("16-bit", e.Message);
    }

    [Fact]
    public void SplitFileNamingAMissingFileNamesTheLine()
    {
        Layout();
        string list = _files.Text("train.txt", "s0\ns9\n");
        var e = LoadFails();
        Assert.Contains(list, e.Message);
        Assert.Contains("line 2", e.Message);
        Assert.Contains("s9", e.Message);
    }

    [Fact]
    public void SampleInBothSplitsIsRefused()
    {
        Layout();
        _files.Text("train.txt", "s0\ns1\n");
        string test = _files.Text("test.txt", "s2\ns1\n");
        var e = LoadFails();
        Assert.Contains(test, e.Message);
        Assert.Contains("line 2", e.Message);
        Assert.Contains("train.txt, line 2", e.Message);
    }

    [Fact]
    public void EmptySplitNamesTheFolder()
    {
        Layout();
        _files.Text("train.txt", "s0\ns1\ns2\ns3\n");
        var e = LoadFails();
        Assert.Contains(_files.Root, e.Message);
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void ImageWithoutMaskAndMaskWithoutImage()
    {
        Layout();
        string image = _files.Image("images/z.png", W, H);
        var e = LoadFails();
        Assert.Contains(image, e.Message);
        Assert.Contains("no mask", e.Message);
        File.Delete(image);
        string mask = _files.IndexMask("masks/y.png", W, H, new byte[W * H]);
        e = LoadFails();
        Assert.Contains(mask, e.Message);
        Assert.Contains("no image", e.Message);
    }

    [Fact]
    public void SizeMismatchNamesBothFilesAndSizes()
    {
        Layout();
        string mask = _files.IndexMask("masks/s0.png", 20, 14, new byte[20 * 14]);
        var e = LoadFails();
        Assert.Contains(mask, e.Message);
        Assert.Contains(_files.PathOf("images/s0.png"), e.Message);
        Assert.Contains("20×14", e.Message);
        Assert.Contains($"{W}×{H}", e.Message);
        Assert.Contains("exact size", e.Message);
    }

    [Fact]
    public void MasksAndLabelsTogetherAreRefused()
    {
        Layout();
        Directory.CreateDirectory(_files.PathOf("labels"));
        Assert.Contains("both masks/ and labels/", LoadFails().Message);
    }

    [Theory]
    [InlineData("{ not json", "not valid JSON", null)]
    [InlineData("""[1, 2]""", "expected a JSON object", null)]
    [InlineData("""{ "name": "x" }""", "classes", "missing")]
    [InlineData("""{ "classes": [] }""", "classes", "0 classes")]
    [InlineData("""{ "classes": [ {"name": "a", "colour": "#000000"} ] }""", "classes", "at least 2")]
    [InlineData("""{ "classes": [ {"colour": "#000000"}, {"name": "b", "colour": "#010101"} ] }""", "classes[0].name", "missing")]
    [InlineData("""{ "classes": [ {"name": "", "colour": "#000000"}, {"name": "b", "colour": "#010101"} ] }""", "classes[0].name", "non-empty")]
    [InlineData("""{ "classes": [ {"name": "a", "colour": "#000000"}, {"name": "b", "colour": "red"} ] }""", "classes[1].colour", "'red'")]
    [InlineData("""{ "classes": [ {"name": "a", "colour": "#000000"}, {"name": "b"} ] }""", "classes[1].colour", "missing")]
    [InlineData("""{ "classes": [ {"name": "a", "colour": "#000000"}, {"name": "A", "colour": "#010101"} ] }""", "classes[1].name", "classes[0]")]
    [InlineData("""{ "classes": [ {"name": "a", "colour": "#0000ff"}, {"name": "b", "colour": "#0000FF"} ] }""", "classes[1].colour", "classes[0]")]
    [InlineData("""{ "classes": [ {"name": "a", "colour": "#000000"}, {"name": "b", "colour": "#010101"} ], "void": 1 }""", "void", "inside the class indices 0–1")]
    [InlineData("""{ "classes": [ {"name": "a", "colour": "#000000"}, {"name": "b", "colour": "#010101"} ], "void": 300 }""", "void", "0 to 255")]
    [InlineData("""{ "classes": [ {"name": "a", "colour": "#000000"}, {"name": "b", "colour": "#010101"} ], "voidColour": "#010101" }""", "voidColour", "classes[1]")]
    [InlineData("""{ "classes": [ {"name": "a", "colour": "#000000"}, {"name": "b", "colour": "#010101"} ], "viod": 255 }""", "viod", "unknown field")]
    public void BadClassesFileNamesFileAndField(string json, string field, string? problem)
    {
        Layout();
        string file = _files.Text("classes.json", json);
        var e = Assert.Throws<DataException>(() => DatasetCatalog.TaskOf(Config));
        Assert.Contains(file, e.Message);
        Assert.Contains(field, e.Message);
        if (problem is not null) Assert.Contains(problem, e.Message);
        Assert.Equal(e.Message, LoadFails().Message);
    }

    [Fact]
    public void MissingClassesFileIsNamed()
    {
        Layout();
        File.Delete(_files.PathOf("classes.json"));
        var e = Assert.Throws<DataException>(() => DatasetCatalog.TaskOf(Config));
        Assert.Contains(_files.PathOf("classes.json"), e.Message);
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void VoidColourAloneMakesVoid255()
    {
        Layout();
        _files.Text("classes.json", """{ "classes": [ {"name": "a", "color": "#000000"}, {"name": "b", "color": "#804080"}, {"name": "c", "color": "#C0C080"} ], "voidColor": "#ffffff" }""");
        var data = Load();
        Assert.Equal(255, data.Task.VoidIndex);
        Assert.Equal(LabelFiles.Pattern(W, H, 3, withVoid: true, shift: 1), data.Train[1].Original.Values);
        Assert.Equal(data.Task.Name, Path.GetFileName(_files.Root));
    }
}
