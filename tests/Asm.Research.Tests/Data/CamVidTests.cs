using Asm.Research.Data;
using Asm.Research.Data.Catalog;
using Asm.Research.Data.Tasks;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using Xunit.Abstractions;

namespace Asm.Research.Tests.Data;

/// <summary>The CamVid reader on the real files in ../shared/data/camvid.</summary>
public sealed class CamVidTests(CamVidFixture fixture, ITestOutputHelper output) : IClassFixture<CamVidFixture>
{
    private SegmentationDataset Data => fixture.Dataset;

    [Fact]
    public void SplitsHaveSegNetsCounts()
    {
        output.WriteLine($"CamVid at {CamVidFixture.Size.Display}: loaded in {fixture.LoadTime.TotalSeconds:F2} s ({Data.Description})");
        Assert.Equal(367, Data.Train.Count);
        Assert.Equal(101, Data.Test.Count);
        Assert.Equal(367 + 101, Data.Train.Concat(Data.Test).Select(s => s.Name).Distinct().Count());
        var firstTrain = File.ReadLines(Path.Combine(TestPaths.CamVidFolder, "train.txt")).First().Split(' ')[0];
        Assert.Equal(Path.GetFileNameWithoutExtension(firstTrain), Data.Train[0].Name);
        Assert.True(fixture.LoadTime < TimeSpan.FromSeconds(60), $"loading CamVid took {fixture.LoadTime.TotalSeconds:F1} s");
    }

    [Fact]
    public void TaskIsSegNetsElevenClassesWithVoidEleven()
    {
        var task = Data.Task;
        Assert.Equal("camvid", task.Name);
        Assert.Equal(OutputKind.Softmax, task.Kind);
        Assert.Equal(11, task.ClassCount);
        Assert.Equal(11, task.VoidIndex);
        Assert.Equal(["Sky", "Building", "Pole", "Road", "Pavement", "Tree", "SignSymbol", "Fence", "Car", "Pedestrian", "Bicyclist"], task.ClassNames);
        Assert.Equal("#3C28DE", task.Classes[4].Colour);
        Assert.Equal("#0080C0", task.Classes[10].Colour);
        Assert.Same(task, DatasetCatalog.TaskOf(fixture.Config));
    }

    [Fact]
    public void SamplesHaveTheWorkingSizeAndValidLabels()
    {
        var seen = new bool[256];
        foreach (var s in Data.Train.Concat(Data.Test))
        {
            Assert.Equal((144, 192), (s.Height, s.Width));
            Assert.Equal(3 * 144 * 192, s.Image.Length);
            Assert.Equal(144 * 192, s.Mask.Length);
            Assert.Equal((480, 360), (s.Original.Width, s.Original.Height));
            Assert.All(s.Image, v => Assert.InRange(v, 0f, 1f));
            foreach (byte v in s.Original.Values) seen[v] = true;
            foreach (float v in s.Mask) seen[(int)v] = true;
        }
        var values = Enumerable.Range(0, 256).Where(v => seen[v]).ToList();
        Assert.Equal([.. Enumerable.Range(0, 11), 255], values);   // every class, void as 255, no 11 left
    }

    [Fact]
    public void OriginalLabelsAreTheFilesValuesWithElevenAsVoid()
    {
        int checkedFiles = 0;
        foreach (var (sample, split) in Data.Train.Select(s => (s, "train")).Concat(Data.Test.Select(s => (s, "val"))))
        {
            using var file = Image.Load<L8>(Path.Combine(TestPaths.CamVidFolder, split + "annot", sample.Name + ".png"));
            var raw = new byte[file.Width * file.Height];
            file.CopyPixelDataTo(raw);
            if (!raw.Contains((byte)11)) continue;   // want a file with void, so the remap is tested
            var expected = raw.Select(v => v == 11 ? (byte)255 : v).ToArray();
            Assert.Equal((file.Width, file.Height), (sample.Original.Width, sample.Original.Height));
            Assert.Equal(expected, sample.Original.Values);
            if (++checkedFiles == 2 || split == "val") break;
        }
        Assert.True(checkedFiles >= 1, "no CamVid mask with void found");
    }

    [Fact]
    public void ResizedLabelsAreTheNearestOriginalLabels()
    {
        foreach (var s in Data.Train.Take(20).Concat(Data.Test.Take(5)))
        {
            var original = s.Original.Values.ToHashSet();
            Assert.All(s.Mask, v => Assert.Contains((byte)v, original));   // no new values
            for (int y = 0; y < s.Height; y++)
            {
                int sy = (int)Math.Floor((y + 0.5) * s.Original.Height / s.Height);
                for (int x = 0; x < s.Width; x++)
                {
                    int sx = (int)Math.Floor((x + 0.5) * s.Original.Width / s.Width);
                    Assert.Equal(s.Original.Values[sy * s.Original.Width + sx], (byte)s.Mask[y * s.Width + x]);
                }
            }
        }
    }

    [Fact]
    public void ImagesAreResizedBilinearly()
    {
        var sample = Data.Test[3];
        using var image = Image.Load<Rgb24>(Path.Combine(TestPaths.CamVidFolder, "val", sample.Name + ".png"));
        image.Mutate(c => c.Resize(192, 144, KnownResamplers.Triangle));
        Assert.Equal(ImageFiles.ToChw(image), sample.Image);
    }

    [Fact]
    public void TestSplitTestIsRefusedWhenTheCopyHasNone()
    {
        var e = Assert.Throws<DataException>(() => DatasetCatalog.Load(fixture.Config with { TestSplit = "test" }));
        Assert.Contains(TestPaths.CamVidFolder, e.Message);
        Assert.Contains("no test split", e.Message);
    }
}
