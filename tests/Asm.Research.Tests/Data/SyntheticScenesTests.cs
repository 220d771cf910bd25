using System.Diagnostics;
using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Data.Catalog;
using Xunit.Abstractions;

namespace Asm.Research.Tests.Data;

public sealed class SyntheticScenesTests(ITestOutputHelper output)
{
    private static readonly DataConfig Small = new() { Source = "scenes", Size = new ImageSize(48, 64), SyntheticTrain = 8, SyntheticTest = 4, SyntheticSeed = 7 };

    [Fact]
    public void SameSeedGivesIdenticalSamplesAndAnotherSeedOthers()
    {
        var a = SyntheticScenes.Generate(Small);
        var b = SyntheticScenes.Generate(Small);
        foreach (var (x, y) in a.Train.Concat(a.Test).Zip(b.Train.Concat(b.Test)))
        {
            Assert.Equal(x.Name, y.Name);
            Assert.Equal(x.Image, y.Image);
            Assert.Equal(x.Mask, y.Mask);
            Assert.Equal(x.Original.Values, y.Original.Values);
        }
        var c = SyntheticScenes.Generate(Small with { SyntheticSeed = 8 });
        Assert.All(a.Train.Zip(c.Train), p => Assert.NotEqual(p.First.Mask, p.Second.Mask));
    }

    [Fact]
    public void SplitsAreDisjointAndTestDoesNotDependOnTrainCount()
    {
        var a = SyntheticScenes.Generate(Small);
        var b = SyntheticScenes.Generate(Small with { SyntheticTrain = 3 });
        Assert.Equal((8, 4), (a.Train.Count, a.Test.Count));
        Assert.All(a.Test.Zip(b.Test), p => Assert.Equal(p.First.Image, p.Second.Image));
        Assert.DoesNotContain(a.Test, t => a.Train.Any(s => s.Mask.SequenceEqual(t.Mask)));
        Assert.Equal(12, a.Train.Concat(a.Test).Select(s => s.Name).Distinct().Count());
        var all = SyntheticScenes.Generate(Small with { AllTest = true });
        Assert.Empty(all.Train);
        Assert.Equal(12, all.Test.Count);
    }

    [Fact]
    public void EveryClassAppearsInTheTrainingSplitAndLabelsAreValid()
    {
        var data = DatasetCatalog.Load(Small with { SyntheticTrain = 60, SyntheticTest = 0 });
        Assert.True(data.Task.SameAs(SyntheticScenes.Task));
        Assert.Equal(6, data.Task.ClassCount);
        Assert.Null(data.Task.VoidIndex);
        var counts = new long[256];
        int withPole = 0, withCar = 0;
        foreach (var s in data.Train)
        {
            Assert.Equal(s.Original.Values.Select(v => (float)v), s.Mask);   // generated at working size
            foreach (byte v in s.Original.Values) counts[v]++;
            Assert.All(s.Original.Values, v => Assert.InRange(v, 0, 5));
            Assert.All(s.Image, v => Assert.InRange(v, 0f, 1f));
            if (s.Original.Values.Contains(SyntheticScenes.Pole)) withPole++;
            if (s.Original.Values.Contains(SyntheticScenes.Car)) withCar++;
            // Fixed relations: the bottom row is road (or a car on it), the top row sky (or a pole reaching it).
            var bottom = s.Original.Values.AsSpan((s.Height - 1) * s.Width, s.Width).ToArray();
            Assert.All(bottom, v => Assert.True(v is SyntheticScenes.Road or SyntheticScenes.Car, $"{s.Name}: bottom row has class {v}"));
            Assert.All(s.Original.Values.AsSpan(0, s.Width).ToArray(), v => Assert.True(v is SyntheticScenes.Sky or SyntheticScenes.Pole, $"{s.Name}: top row has class {v}"));
        }
        output.WriteLine("pixel share per class: " + string.Join(", ", Enumerable.Range(0, 6).Select(c => $"{data.Task.Classes[c].Name} {counts[c] / (double)counts.Sum():P1}")));
        output.WriteLine($"images with a pole: {withPole}/60, with a car: {withCar}/60");
        Assert.All(Enumerable.Range(0, 6), c => Assert.True(counts[c] > 0, $"class {data.Task.Classes[c].Name} never appears"));
        Assert.True(withPole >= 50, $"poles in {withPole}/60 images");
        Assert.True(withCar >= 30, $"cars in {withCar}/60 images");
    }

    [Fact]
    public void RectangularSizesWork()
    {
        foreach (var size in new[] { new ImageSize(40, 96), new ImageSize(96, 40) })
        {
            var data = SyntheticScenes.Generate(Small with { Size = size, SyntheticTrain = 3, SyntheticTest = 1 });
            Assert.All(data.Train.Concat(data.Test), s =>
            {
                Assert.Equal((size.Height, size.Width), (s.Height, s.Width));
                Assert.Equal((size.Width, size.Height), (s.Original.Width, s.Original.Height));
                Assert.Equal(3 * size.Pixels, s.Image.Length);
                Assert.Equal(size.Pixels, s.Mask.Length);
            });
        }
    }

    [Fact]
    public void DefaultSplitsAt128GenerateQuickly()
    {
        var config = new DataConfig { Source = "scenes" };
        SyntheticScenes.Generate(config with { SyntheticTrain = 4, SyntheticTest = 0 });   // warm up
        var clock = Stopwatch.StartNew();
        var data = DatasetCatalog.Load(config);
        clock.Stop();
        output.WriteLine($"scenes 200 + 80 at 128×128: {clock.Elapsed.TotalSeconds:F2} s");
        Assert.Equal((200, 80), (data.Train.Count, data.Test.Count));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"generating took {clock.Elapsed.TotalSeconds:F1} s");
    }
}
