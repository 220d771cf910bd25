using Asm.Research.Configuration;
using Asm.Research.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace Asm.Research.Tests.Data;

/// <summary>Masks are read as their author meant (any two levels, colour, JPEG noise) or refused naming the file.</summary>
public sealed class MaskInterpretationTests : IClassFixture<WeizmannFixture>, IDisposable
{
    private const int Width = 40, Height = 30;
    private readonly WeizmannFixture _weizmann;
    private readonly TestImages _files = new();

    public MaskInterpretationTests(WeizmannFixture weizmann) => _weizmann = weizmann;

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Weizmann_masks_binarise_bit_for_bit_as_the_old_threshold_at_128()
    {
        Assert.Contains("masks: 0/255 grey, thresholded at 128 (grey ≥ 128 is foreground)", _weizmann.Progress);
        var samples = _weizmann.Dataset.Train.Concat(_weizmann.Dataset.Test).ToList();
        Assert.Equal(280, samples.Count);
        string maskDir = Path.Combine(TestPaths.WeizmannFolder, "figure_ground");
        foreach (var sample in samples)
        {
            using var grey = ImageFiles.ReadGray(Path.Combine(maskDir, sample.Name + ".jpg"), 40_000_000);
            var values = new byte[grey.Width * grey.Height];
            grey.CopyPixelDataTo(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, L8>(values.AsSpan()));
            // The rule the 12 recorded runs were made with: 0/1 files (max ≤ 1) any non-zero, else ≥ 128.
            byte threshold = values.Max() <= 1 ? (byte)1 : (byte)128;
            var old = values.Select(v => v >= threshold ? (byte)1 : (byte)0).ToArray();
            Assert.True(old.AsSpan().SequenceEqual(sample.Original.Values), $"{sample.Name}: mask differs from the threshold at 128");
        }
    }

    [Theory]
    [InlineData("png", 0, 255)]
    [InlineData("png", 0, 1)]
    [InlineData("png", 0, 100)]
    [InlineData("png", 30, 200)]
    [InlineData("jpg", 0, 1)]    // 0/1 saved as JPEG: values 0–2 after compression, read as empty before
    [InlineData("jpg", 0, 255)]
    public void Two_level_masks_of_any_levels_are_read_as_the_blob_they_draw(string format, byte background, byte foreground)
    {
        WritePairs(format, (x, y) => InBlob(x, y) ? new Rgb24(foreground, foreground, foreground) : new Rgb24(background, background, background));
        var progress = new List<string>();
        var data = WeizmannDatabase.Load(_files.Root, new DataConfig { Size = 8, TrainCount = 1 }, new ListProgress(progress));
        Assert.Contains(progress, line => line.StartsWith($"masks: {background}/{foreground} grey", StringComparison.Ordinal)
                                          || format == "jpg" && line.StartsWith("masks: ", StringComparison.Ordinal));
        foreach (var sample in data.Train.Concat(data.Test))
        {
            int wrong = Enumerable.Range(0, Width * Height).Count(i => sample.Original.Values[i] != (InBlob(i % Width, i / Width) ? 1 : 0));
            // Exact for lossless files; JPEG may move a few edge pixels (the blob covers 28% of the mask).
            Assert.True(format == "png" ? wrong == 0 : wrong <= Width * Height / 20, $"{wrong} pixels differ from the drawn blob");
        }
    }

    [Fact]
    public void A_colour_mask_is_read_by_its_luminance()
    {
        WritePairs("png", (x, y) => InBlob(x, y) ? new Rgb24(200, 20, 20) : new Rgb24(0, 0, 40));
        var data = WeizmannDatabase.Load(_files.Root, new DataConfig { Size = 8, TrainCount = 1 });
        var sample = data.Train[0];
        Assert.Equal(Enumerable.Range(0, Width * Height).Select(i => InBlob(i % Width, i / Width) ? (byte)1 : (byte)0), sample.Original.Values);
    }

    [Fact]
    public void A_photo_used_as_a_mask_is_refused_naming_it()
    {
        WritePairs("png", (x, y) => InBlob(x, y) ? new Rgb24(255, 255, 255) : new Rgb24(0, 0, 0));
        string photo = _files.Png("mask/h2.png", Width, Height); // noisy RGB: every grey level
        var e = Assert.Throws<DataException>(() => WeizmannDatabase.Load(_files.Root, new DataConfig { Size = 8 }));
        Assert.Contains(photo, e.Message);
        Assert.Contains("not a two-level mask", e.Message);
    }

    [Fact]
    public void A_data_set_whose_masks_are_all_empty_is_refused()
    {
        WritePairs("png", (_, _) => new Rgb24(0, 0, 0));
        var e = Assert.Throws<DataException>(() => WeizmannDatabase.Load(_files.Root, new DataConfig { Size = 8 }));
        Assert.Contains("empty", e.Message);
        Assert.Contains(Path.Combine(_files.Root, "mask"), e.Message);
    }

    [Fact]
    public void A_0_1_mask_among_0_255_masks_is_refused_naming_it()
    {
        WritePairs("png", (x, y) => InBlob(x, y) ? new Rgb24(255, 255, 255) : new Rgb24(0, 0, 0));
        string odd = _files.PathOf("mask/h2.png");
        using (var mask = new Image<L8>(Width, Height))
        {
            for (int y = 0; y < Height; y++)
                for (int x = 0; x < Width; x++)
                    mask[x, y] = new L8(InBlob(x, y) ? (byte)1 : (byte)0);
            mask.SaveAsPng(odd);
        }
        var e = Assert.Throws<DataException>(() => WeizmannDatabase.Load(_files.Root, new DataConfig { Size = 8 }));
        Assert.Contains(odd, e.Message);
        Assert.Contains("other levels", e.Message);
    }

    /// <summary>Three image/mask pairs in the horse/ + mask/ layout, masks drawn by <paramref name="pixel"/>.</summary>
    private void WritePairs(string format, Func<int, int, Rgb24> pixel)
    {
        for (int k = 1; k <= 3; k++)
        {
            _files.Png($"horse/h{k}.png", Width, Height);
            using var mask = new Image<Rgb24>(Width, Height);
            for (int y = 0; y < Height; y++)
                for (int x = 0; x < Width; x++)
                    mask[x, y] = pixel(x, y);
            string path = _files.PathOf($"mask/h{k}.{format}");
            if (format == "jpg") mask.SaveAsJpeg(path, new JpegEncoder { Quality = 90 });
            else mask.SaveAsPng(path);
        }
    }

    private static bool InBlob(int x, int y)
    {
        double dx = (x + 0.5) / Width - 0.5, dy = (y + 0.5) / Height - 0.5;
        return dx * dx + dy * dy < 0.09;
    }

    private sealed class ListProgress(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }
}
