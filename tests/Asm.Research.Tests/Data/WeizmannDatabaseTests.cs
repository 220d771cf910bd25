using Asm.Research.Configuration;
using Asm.Research.Data;
using SixLabors.ImageSharp;

namespace Asm.Research.Tests.Data;

/// <summary>The loader on the real horses (decoded once, see <see cref="WeizmannFixture"/>).</summary>
public sealed class WeizmannDatabaseTests(WeizmannFixture fixture) : IClassFixture<WeizmannFixture>
{
    private SegmentationDataset Data => fixture.Dataset;

    [Fact]
    public void SplitsTheFirst200SortedNamesForTraining()
    {
        Assert.Equal(200, Data.Train.Count);
        Assert.Equal(80, Data.Test.Count);
        Assert.Equal("horse001", Data.Train[0].Name);
        Assert.Equal("horse200", Data.Train[^1].Name);
        Assert.Equal("horse201", Data.Test[0].Name);
        Assert.Equal("horse280", Data.Test[^1].Name);
        var names = Data.Train.Concat(Data.Test).Select(s => s.Name).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public void SamplesHaveWorkingSizeRangesAndBinaryMasks()
    {
        foreach (var s in Data.Train.Concat(Data.Test))
        {
            Assert.Equal((WeizmannFixture.Size, WeizmannFixture.Size), (s.Height, s.Width));
            Assert.Equal(3 * 32 * 32, s.Image.Length);
            Assert.Equal(32 * 32, s.Mask.Length);
            Assert.All(s.Image, v => Assert.InRange(v, 0f, 1f));
            Assert.All(s.Mask, v => Assert.True(v is 0f or 1f));
            Assert.All(s.Original.Values, v => Assert.True(v is 0 or 1));
            // The resized mask covers about as much as the original does.
            Assert.InRange(s.Mask.Average() - s.Original.Values.Average(v => (double)v), -0.08, 0.08);
        }
    }

    [Fact]
    public void ForegroundFractionsArePlausible()
    {
        // Horses fill 5–80% of the frame, except a few distant ones (horse at ~4.8% exists).
        var fractions = Data.Train.Concat(Data.Test).Select(s => (double)s.Mask.Average()).Order().ToArray();
        Assert.All(fractions, f => Assert.InRange(f, 0.02, 0.9));
        Assert.True(fractions.Count(f => f is < 0.05 or > 0.8) <= 3, $"{fractions.Count(f => f is < 0.05 or > 0.8)} masks outside 5–80%");
        Assert.InRange(fractions[fractions.Length / 2], 0.15, 0.5);
    }

    [Fact]
    public void OriginalMasksKeepTheMaskFilesOwnSize()
    {
        foreach (var s in Data.Train.Concat(Data.Test))
        {
            var info = Image.Identify(Path.Combine(TestPaths.WeizmannFolder, "figure_ground", s.Name + ".jpg"));
            Assert.Equal((info.Width, info.Height), (s.Original.Width, s.Original.Height));
            Assert.Equal(info.Width * info.Height, s.Original.Values.Length);
        }
    }

    [Fact]
    public void ReportsProgressUpToTheTotal()
    {
        Assert.Contains("decoded 280/280", fixture.Progress);
    }

    [Fact]
    public void AllTestPutsEveryImageInTest()
    {
        // A parent folder holding weizmann_horse_db is accepted too; a few pairs suffice here.
        using var files = new TestImages();
        for (int i = 1; i <= 3; i++)
        {
            files.Jpeg($"weizmann_horse_db/rgb/horse{i:D3}.jpg", 40, 30);
            files.Jpeg($"weizmann_horse_db/figure_ground/horse{i:D3}.jpg", 20, 15, mask: true);
        }
        var data = WeizmannDatabase.Load(files.Root, new DataConfig { Size = 16, AllTest = true });
        Assert.Empty(data.Train);
        Assert.Equal(["horse001", "horse002", "horse003"], data.Test.Select(s => s.Name));
    }

    [Fact]
    public void DataSourcesDispatchesOnSource()
    {
        using var files = new TestImages();
        files.Png("horse/a.png", 24, 24);
        files.Png("mask/a.png", 12, 12, mask: true, foreground: 1);
        var fromFolder = DataSources.Load(new DataConfig { Source = files.Root, Size = 8, TrainCount = 0 });
        Assert.Equal("a", fromFolder.Test.Single().Name);
        // 0/1 mask PNGs: the value 1 is foreground.
        Assert.Contains((byte)1, fromFolder.Test[0].Original.Values);

        var synthetic = DataSources.Load(new DataConfig { Source = "synthetic", Size = 16, SyntheticTrain = 2, SyntheticTest = 1 });
        Assert.Equal((2, 1), (synthetic.Train.Count, synthetic.Test.Count));
    }
}
