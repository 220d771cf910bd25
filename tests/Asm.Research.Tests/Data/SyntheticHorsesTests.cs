using Asm.Research.Configuration;
using Asm.Research.Data;

namespace Asm.Research.Tests.Data;

public sealed class SyntheticHorsesTests
{
    private static readonly DataConfig Small = new() { Size = 48, SyntheticTrain = 6, SyntheticTest = 4, SyntheticSeed = 7 };

    [Fact]
    public void SameSeedGivesIdenticalSamples()
    {
        var a = SyntheticHorses.Generate(Small);
        var b = SyntheticHorses.Generate(Small);
        foreach (var (x, y) in a.Train.Concat(a.Test).Zip(b.Train.Concat(b.Test)))
        {
            Assert.Equal(x.Name, y.Name);
            Assert.Equal(x.Image, y.Image);
            Assert.Equal(x.Mask, y.Mask);
            Assert.Equal(x.Original.Values, y.Original.Values);
        }
    }

    [Fact]
    public void DifferentSeedGivesDifferentSamples()
    {
        var a = SyntheticHorses.Generate(Small);
        var b = SyntheticHorses.Generate(Small with { SyntheticSeed = 8 });
        Assert.All(a.Train.Zip(b.Train), p => Assert.NotEqual(p.First.Mask, p.Second.Mask));
    }

    [Fact]
    public void SplitsAreDisjointAndTestDoesNotDependOnTrainCount()
    {
        var a = SyntheticHorses.Generate(Small);
        var b = SyntheticHorses.Generate(Small with { SyntheticTrain = 2 });
        Assert.Equal((6, 4), (a.Train.Count, a.Test.Count));
        Assert.All(a.Test.Zip(b.Test), p => Assert.Equal(p.First.Image, p.Second.Image));
        Assert.DoesNotContain(a.Test, t => a.Train.Any(s => s.Mask.SequenceEqual(t.Mask)));
        Assert.Equal(6 + 4, a.Train.Concat(a.Test).Select(s => s.Name).Distinct().Count());
    }

    [Fact]
    public void MasksAreBinaryImagesInRangeAndForegroundLikeRealHorses()
    {
        var data = SyntheticHorses.Generate(new DataConfig { Size = 64, SyntheticTrain = 40, SyntheticTest = 0 });
        var fractions = new List<double>();
        foreach (var s in data.Train)
        {
            Assert.All(s.Mask, v => Assert.True(v is 0f or 1f));
            Assert.All(s.Image, v => Assert.InRange(v, 0f, 1f));
            Assert.Equal(s.Mask.Select(v => (byte)v), s.Original.Values);
            fractions.Add(s.Mask.Average());
        }
        Assert.All(fractions, f => Assert.InRange(f, 0.05, 0.5));
        fractions.Sort();
        Assert.InRange(fractions[fractions.Count / 2], 0.1, 0.4);
    }

    [Fact]
    public void HorsesStandOnSeparateThinLegs()
    {
        // Below the body, a row of the silhouette crosses several narrow legs; a blob would
        // show one wide run there.
        const int size = 128;
        int withLegs = 0, samples = 20;
        for (int i = 0; i < samples; i++)
        {
            var (_, mask) = SyntheticHorses.Render(size, new Random(100 + i));
            var rows = Enumerable.Range(0, size).Where(y => Enumerable.Range(0, size).Any(x => mask[y * size + x] > 0)).ToArray();
            var columns = Enumerable.Range(0, size).Where(x => Enumerable.Range(0, size).Any(y => mask[y * size + x] > 0)).ToArray();
            int top = rows[0], bottom = rows[^1], width = columns[^1] - columns[0] + 1;
            bool legs = false;
            for (int y = bottom - (bottom - top) / 4; y <= bottom && !legs; y++)
            {
                var runs = Runs(mask, y, size);
                legs = runs.Count >= 2 && runs.All(r => r < 0.15 * width);
            }
            if (legs) withLegs++;
        }
        Assert.True(withLegs >= samples * 8 / 10, $"only {withLegs} of {samples} horses show separate thin legs");
    }

    [Fact]
    public void ImagesAreNotTrivialToSegmentByColour()
    {
        // Some backgrounds reuse the coat colour: then a background pixel lies close to the
        // animal's mean colour.
        var data = SyntheticHorses.Generate(new DataConfig { Size = 32, SyntheticTrain = 30, SyntheticTest = 0 });
        int camouflaged = 0;
        foreach (var s in data.Train)
        {
            int n = 32 * 32;
            var coat = new double[3];
            for (int c = 0; c < 3; c++) coat[c] = Enumerable.Range(0, n).Where(i => s.Mask[i] > 0).Average(i => s.Image[c * n + i]);
            int close = Enumerable.Range(0, n).Count(i => s.Mask[i] == 0 &&
                Enumerable.Range(0, 3).Sum(c => Math.Abs(s.Image[c * n + i] - coat[c])) < 0.1);
            if (close > 0.03 * n) camouflaged++;
        }
        Assert.InRange(camouflaged, 3, 27);
    }

    private static List<int> Runs(float[] mask, int y, int size)
    {
        var runs = new List<int>();
        int length = 0;
        for (int x = 0; x <= size; x++)
        {
            if (x < size && mask[y * size + x] > 0) length++;
            else if (length > 0) { runs.Add(length); length = 0; }
        }
        return runs;
    }
}
