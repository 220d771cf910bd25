using System.Text.Json;
using Asm.Research.Tests.Data;
using SixLabors.ImageSharp;

namespace Asm.Research.Tests.Cli;

/// <summary>predict on images as users have them: camera-rotated photos, littered folders, huge images, an edited checkpoint.</summary>
public sealed class PredictInputCliTests(TinyCheckpoint checkpoint) : IClassFixture<TinyCheckpoint>, IDisposable
{
    private readonly TestImages _files = new();

    public void Dispose() => _files.Dispose();

    private CliProcess.Result Predict(string input, params string[] extra) =>
        CliProcess.Run(["predict", "--checkpoint", checkpoint.Run, "--input", input, "--out", _files.PathOf("out"), "--json", "--threads", "1", .. extra]);

    private static List<JsonElement> Images(CliProcess.Result result)
    {
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonDocument.Parse(result.LastLine).RootElement.GetProperty("images").EnumerateArray().Select(e => e.Clone()).ToList();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_photo_with_an_exif_orientation_gets_a_mask_of_its_displayed_size(bool png)
    {
        string photo = OrientedImages.Write(_files.PathOf(png ? "in/phone.png" : "in/phone.jpg"), 40, 24, png);
        var image = Assert.Single(Images(Predict(photo)));
        Assert.Equal((24, 40), (image.GetProperty("width").GetInt32(), image.GetProperty("height").GetInt32()));
        var mask = Image.Identify(image.GetProperty("mask").GetString()!);
        Assert.Equal((24, 40), (mask.Width, mask.Height));
    }

    [Fact]
    public void Stray_files_in_the_input_folder_are_skipped()
    {
        _files.Png("in/a.png", 20, 16);
        StrayFilesCliTests.Litter(_files.PathOf("in"));
        var image = Assert.Single(Images(Predict(_files.PathOf("in"))));
        Assert.Equal("a.png", Path.GetFileName(image.GetProperty("input").GetString()));
    }

    [Fact]
    public void The_pixel_limit_is_named_by_its_set_key_and_that_key_works_on_predict()
    {
        string photo = _files.Png("in/big.png", 30, 20);
        CliAssert.Refused(Predict(photo, "--set", "data.maxImagePixels=100"), "big.png", "--set data.maxImagePixels");
        Assert.Single(Images(Predict(photo, "--set", "data.maxImagePixels=600")));
        // The model's own settings are the checkpoint's.
        CliAssert.Refused(Predict(photo, "--set", "training.epochs=3"), "data.maxImagePixels", "training.epochs");
        CliAssert.Refused(Predict(photo, "--set", "data.maxImagePixels=0"), "data.maxImagePixels");
    }

    [Fact]
    public void A_zero_batch_is_refused_naming_batch()
    {
        CliAssert.Refused(Predict(_files.Png("in/a.png", 8, 8), "--batch", "0"), "--batch");
    }

    [Fact]
    public void A_checkpoint_manifest_with_a_repeated_key_is_refused_naming_the_file_and_the_key()
    {
        // A copy of the run whose manifest says two methods.
        string copy = _files.PathOf("copy");
        foreach (var file in Directory.EnumerateFiles(checkpoint.Run, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(copy, Path.GetRelativePath(checkpoint.Run, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        string manifest = Path.Combine(copy, "checkpoint", "checkpoint.json");
        string text = File.ReadAllText(manifest);
        int at = text.IndexOf("\"method\"", StringComparison.Ordinal);
        File.WriteAllText(manifest, text[..at] + "\"method\": \"asm\",\n  " + text[at..]);

        var result = CliProcess.Run("predict", "--checkpoint", copy, "--input", _files.Png("in/a.png", 8, 8), "--out", _files.PathOf("out"));
        CliAssert.Refused(result, manifest, "'method'");
    }
}
