using System.Text.Json;
using Asm.Research.Tests.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Asm.Research.Tests.Cli;

public sealed class PredictCommandTests(TinyCheckpoint checkpoint) : IClassFixture<TinyCheckpoint>, IDisposable
{
    private readonly TestImages _files = new();

    public void Dispose() => _files.Dispose();

    private string Out => _files.PathOf("out");

    private static (int Width, int Height, byte[] Values) ReadGrey(string path)
    {
        using var image = Image.Load<L8>(path);
        var values = new byte[image.Width * image.Height];
        image.CopyPixelDataTo(values);
        return (image.Width, image.Height, values);
    }

    [Fact]
    public void A_folder_gets_one_mask_per_image_at_the_image_own_size_with_values_0_and_255()
    {
        // Sizes unlike the 32×32 working size and unlike each other (one portrait, one landscape, one tiny).
        _files.Png("in/b-wide.png", 70, 30);
        _files.Jpeg("in/a-tall.jpg", 25, 61);
        _files.Png("in/c-tiny.png", 5, 3);
        File.WriteAllText(_files.PathOf("in/notes.txt"), "not an image, and not picked up from a folder");

        var result = CliProcess.Run("predict", "--checkpoint", checkpoint.Run, "--input", _files.PathOf("in"), "--out", Out,
            "--threshold", "0.3", "--overlay", "--json", "--threads", "1");
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var doc = JsonDocument.Parse(result.LastLine);
        var images = doc.RootElement.GetProperty("images").EnumerateArray().ToList();
        Assert.Equal(["a-tall.jpg", "b-wide.png", "c-tiny.png"], images.Select(i => Path.GetFileName(i.GetProperty("input").GetString())));
        foreach (var (image, (w, h)) in images.Zip(new[] { (25, 61), (70, 30), (5, 3) }))
        {
            Assert.Equal(w, image.GetProperty("width").GetInt32());
            Assert.Equal(h, image.GetProperty("height").GetInt32());
            var mask = ReadGrey(image.GetProperty("mask").GetString()!);
            Assert.Equal((w, h), (mask.Width, mask.Height));
            Assert.All(mask.Values, v => Assert.True(v is 0 or 255, $"mask value {v}"));
            // The JSON's foreground share is the written mask's.
            Assert.Equal(mask.Values.Count(v => v == 255) / (double)mask.Values.Length, image.GetProperty("foreground").GetDouble(), 12);
            using var overlay = Image.Load<Rgb24>(image.GetProperty("overlay").GetString()!);
            Assert.Equal((w, h), (overlay.Width, overlay.Height));
        }
        Assert.Equal(6, Directory.GetFiles(Out).Length);
    }

    /// <summary>predict says what the model is: its data, its training length and the test scores its run recorded.</summary>
    [Fact]
    public void It_says_what_the_model_was_trained_on_and_its_recorded_scores()
    {
        _files.Png("in/a.png", 20, 20);
        var result = CliProcess.Run("predict", "--checkpoint", checkpoint.Run, "--input", _files.PathOf("in"), "--out", Out, "--json", "--threads", "1");
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(checkpoint.Run, "result.json")));
        double iou = record.RootElement.GetProperty("test").GetProperty("iou").GetDouble();
        string said = System.Text.RegularExpressions.Regex.Replace(result.Stderr, @"\s+", " ");
        Assert.Contains("model: bce, seed 0, trained on the kit's synthetic horses", said);
        Assert.Contains("for 1 of 1 epochs", said);
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"recorded test IoU {iou:0.000}"), said);
    }

    [Fact]
    public void A_lower_threshold_never_marks_fewer_pixels()
    {
        string image = _files.Png("in/horse.png", 48, 40);
        double Share(string threshold, string folder)
        {
            var r = CliProcess.Run("predict", "--checkpoint", checkpoint.Run, "--input", image, "--out", _files.PathOf(folder),
                "--threshold", threshold, "--json", "--threads", "1");
            Assert.True(r.ExitCode == 0, r.Stderr);
            using var doc = JsonDocument.Parse(r.LastLine);
            return doc.RootElement.GetProperty("images")[0].GetProperty("foreground").GetDouble();
        }
        double low = Share("0.001", "low"), middle = Share("0.5", "middle"), high = Share("0.999", "high");
        Assert.True(low >= middle && middle >= high, $"foreground shares {low}, {middle}, {high} at thresholds 0.001, 0.5, 0.999");
        Assert.True(low > high, "the predictor's probabilities span the thresholds 0.001..0.999 somewhere; else the threshold is ignored");
    }

    [Fact]
    public void A_Weizmann_photo_gets_a_mask_of_its_own_size()
    {
        string photo = Path.Combine(TestPaths.WeizmannFolder, "rgb", "horse001.jpg");
        Assert.True(File.Exists(photo), $"shared test data missing: {photo}");
        var info = Image.Identify(photo);
        var result = CliProcess.Run("predict", "--checkpoint", checkpoint.Run, "--input", photo, "--out", Out, "--threads", "1");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var mask = ReadGrey(Path.Combine(Out, "horse001_mask.png"));
        Assert.Equal((info.Width, info.Height), (mask.Width, mask.Height));
    }

    [Fact]
    public void Existing_outputs_are_not_replaced_without_force()
    {
        string image = _files.Png("in/horse.png", 40, 20);
        var first = CliProcess.Run("predict", "--checkpoint", checkpoint.Run, "--input", image, "--out", Out, "--threads", "1");
        Assert.True(first.ExitCode == 0, first.Stderr);
        string mask = Path.Combine(Out, "horse_mask.png");
        File.WriteAllBytes(mask, [1, 2, 3]); // the user's own file now stands there

        var refused = CliProcess.Run("predict", "--checkpoint", checkpoint.Run, "--input", image, "--out", Out, "--threads", "1");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains(mask, refused.Stderr);
        Assert.Contains("--force", refused.Stderr);
        Assert.Equal([1, 2, 3], File.ReadAllBytes(mask));

        var forced = CliProcess.Run("predict", "--checkpoint", checkpoint.Run, "--input", image, "--out", Out, "--force", "--threads", "1");
        Assert.True(forced.ExitCode == 0, forced.Stderr);
        Assert.Equal((40, 20), (ReadGrey(mask).Width, ReadGrey(mask).Height));
    }

    [Fact]
    public void A_bad_image_exits_2_naming_the_file()
    {
        _files.Png("in/a-good.png", 20, 20);
        string bad = _files.PathOf("in/b-bad.png");
        File.WriteAllText(bad, "this is text, not a PNG");
        var result = CliProcess.Run("predict", "--checkpoint", checkpoint.Run, "--input", _files.PathOf("in"), "--out", Out, "--threads", "1");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(bad, result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr); // a message, not a stack trace
    }

    [Theory]
    [InlineData("--threshold", "1.5", "--threshold")]
    [InlineData("--input", "no-such-folder", "no-such-folder")]
    [InlineData("--checkpoint", "no-such-run", "no-such-run")]
    public void Bad_arguments_exit_2_naming_them(string option, string value, string named)
    {
        string image = _files.Png("in/horse.png", 20, 20);
        var args = new Dictionary<string, string> { ["--checkpoint"] = checkpoint.Run, ["--input"] = image, ["--out"] = Out };
        args[option] = option == "--threshold" ? value : _files.PathOf(value);
        var result = CliProcess.Run(["predict", .. args.SelectMany(kv => new[] { kv.Key, kv.Value })]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(named, result.Stderr);
        Assert.False(Directory.Exists(Out), "nothing is written when the arguments are bad");
    }
}
