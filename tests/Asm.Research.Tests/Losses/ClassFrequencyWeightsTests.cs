using Asm.Research.Losses;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit.Abstractions;

namespace Asm.Research.Tests.Losses;

public class ClassFrequencyWeightsTests(ITestOutputHelper output)
{
    [Fact]
    public void Median_frequency_on_hand_made_maps()
    {
        // A: 0 0 0 1 (4 valid). B: 1 1 void void (2 valid). C: 2 0 void 0 (3 valid). Class 3 never appears.
        // f0 = (3 + 2)/(4 + 3) = 5/7, f1 = (1 + 2)/(4 + 2) = 1/2, f2 = 1/3; median 1/2.
        // w = (1/2)/(5/7), 1, (1/2)/(1/3), 0 = 0.7, 1, 1.5, 0.
        // (Counting void in the images' pixels would give f1 = 3/8; pooling all pixels, f0 = 5/9.)
        byte[][] maps = [[0, 0, 0, 1], [1, 1, 255, 255], [2, 0, 255, 0]];
        Assert.Equal([0.7, 1, 1.5, 0], ClassFrequencyWeights.MedianFrequency(maps, 4), new Tolerance(1e-12));
        // Two classes: the median is the mean of the two frequencies 1/4, 3/4.
        Assert.Equal([2, 2.0 / 3], ClassFrequencyWeights.MedianFrequency([[0, 1, 1, 1]], 2), new Tolerance(1e-12));
    }

    [Fact]
    public void Bad_labels_and_empty_sets_are_refused()
    {
        Assert.Contains("label 4", Assert.Throws<ArgumentException>(() => ClassFrequencyWeights.MedianFrequency([[0, 4]], 4)).Message);
        Assert.Throws<ArgumentException>(() => ClassFrequencyWeights.MedianFrequency([[255, 255]], 4));
        Assert.Throws<ArgumentException>(() => ClassFrequencyWeights.MedianFrequency([], 4));
        Assert.Throws<ArgumentException>(() => ClassFrequencyWeights.MedianFrequency([[0]], 0));
    }

    // SegNet's published class weighting (SegNet-Tutorial's segnet_train.prototxt), sky … bicyclist.
    private static readonly double[] SegNet = [0.2595, 0.1826, 4.5640, 0.1417, 0.9051, 0.3826, 9.6446, 1.8418, 0.6823, 6.2478, 7.3614];
    private static readonly string[] Names = ["sky", "building", "pole", "road", "pavement", "tree", "sign", "fence", "car", "pedestrian", "bicyclist"];

    // SegNet's weights cannot be reproduced from the released train annotations (alexgkendall/caffe-segnet#37,
    // SegNet-Tutorial#101): the closest recount treats void as a 12th class (in the images' pixel counts and in
    // the median) and still leaves sign at 3.53 against 9.64 (−63%), bicyclist +11%, car +6%, pedestrian −6%.
    // So this checks our decoding and arithmetic against that independent recount (same data, same convention),
    // and the next test pins the kit's convention (void excluded) and prints the comparison with SegNet's.
    [Fact]
    public void CamVid_train_with_void_as_a_twelfth_class_reproduces_the_published_recount()
    {
        double[] recount = [0.2565, 0.1853, 4.3963, 0.1369, 0.9185, 0.3873, 3.5331, 1.8127, 0.7246, 5.8550, 8.1365, 1.0974];
        var weights = ClassFrequencyWeights.MedianFrequency(CamVidTrainMaps(voidAsClass: true), 12);
        output.WriteLine(string.Join(" ", weights.Select(w => w.ToString("F4"))));
        Assert.Equal(recount, weights, new Tolerance(5e-5 + 1e-9));
    }

    [Fact]
    public void CamVid_train_weights_with_void_ignored()
    {
        var weights = ClassFrequencyWeights.MedianFrequency(CamVidTrainMaps(voidAsClass: false), 11);
        var report = Names.Select((name, c) => $"{name}: {weights[c]:F4} (SegNet {SegNet[c]:F4}, {100 * (weights[c] / SegNet[c] - 1):+0.0;-0.0}%)");
        output.WriteLine(string.Join(Environment.NewLine, report));
        // Pavement is the median class (weight 1); void excluded raises every other frequency's ratio a little.
        double[] ours = [0.2794, 0.2018, 4.7889, 0.1491, 1.0000, 0.4235, 3.8464, 1.9798, 0.7890, 6.3847, 8.8193];
        Assert.Equal(ours, weights, new Tolerance(5e-5 + 1e-9));
    }

    // The 367 train label maps (480×360), CamVid's void 11 mapped to the kit's 255 unless kept as a class.
    private static byte[][] CamVidTrainMaps(bool voidAsClass)
    {
        string folder = CamVidFolder();
        var lines = File.ReadAllLines(Path.Combine(folder, "train.txt")).Where(l => l.Length > 0).ToArray();
        Assert.Equal(367, lines.Length);
        return lines.Select(line =>
        {
            using var image = Image.Load<L8>(Path.Combine(folder, line.Split(' ')[1]));
            Assert.Equal((480, 360), (image.Width, image.Height));
            var pixels = new byte[image.Width * image.Height];
            image.CopyPixelDataTo(pixels);
            Assert.True(pixels.All(p => p <= 11), $"{line}: CamVid labels are 0..11");
            if (!voidAsClass)
                for (int i = 0; i < pixels.Length; i++) if (pixels[i] == 11) pixels[i] = OneHotLabels.Void;
            return pixels;
        }).ToArray();
    }

    // ../shared/data/camvid from the repo root: the first folder above the test binaries that holds shared/data/camvid.
    private static string CamVidFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "data", "camvid");
            if (Directory.Exists(candidate)) return candidate;
        }
        Assert.Fail($"CamVid not found: no folder above {AppContext.BaseDirectory} holds shared/data/camvid (expected ../shared/data/camvid from the repo root).");
        return "";
    }

    private sealed class Tolerance(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double value) => 0;
    }
}
