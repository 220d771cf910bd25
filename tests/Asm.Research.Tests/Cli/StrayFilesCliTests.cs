using System.Text.Json;
using Asm.Research.Tests.Data;

namespace Asm.Research.Tests.Cli;

/// <summary>
/// Data folders as users' tools leave them: operating-system metadata, hidden files and folders, thumbnails and editor
/// backups beside the images are skipped by every layout (and by predict, in <see cref="PredictInputCliTests"/>).
/// </summary>
public sealed class StrayFilesCliTests : IDisposable
{
    private const int W = 12, H = 9;
    private readonly LabelFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>What Finder, Explorer, file managers and editors leave in <paramref name="folder"/>, some of it named like images.</summary>
    internal static void Litter(string folder)
    {
        foreach (var name in new[] { "._a.png", "._a.jpg", ".DS_Store", "Thumbs.db", "desktop.ini", "a.png~", "a.jpg.bak", ".a.png.swp", ".hidden.png" })
            File.WriteAllBytes(Path.Combine(folder, name), [0x00, 0x05, 0x16, 0x07, 1, 2, 3]);   // AppleDouble's magic, then junk
        Directory.CreateDirectory(Path.Combine(folder, ".thumbnails"));
        File.WriteAllBytes(Path.Combine(folder, ".thumbnails", "a.png"), [1, 2, 3]);
    }

    private static JsonElement Described(string folder, params string[] extra)
    {
        var result = CliProcess.Run(["data", "--data", folder, "--size", "16", "--json", .. extra]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonDocument.Parse(result.LastLine).RootElement.Clone();
    }

    private static int Count(JsonElement described) => described.GetProperty("train").GetInt32() + described.GetProperty("test").GetInt32();

    [Theory]
    [InlineData("rgb", "figure_ground", false)]
    [InlineData("horse", "mask", true)]
    public void Weizmann_in_either_layout_skips_them(string images, string masks, bool png)
    {
        var pictures = new TestImages();
        try
        {
            foreach (var name in new[] { "a", "b", "c" })
            {
                if (png)
                {
                    pictures.Png($"{images}/{name}.png", W, H);
                    pictures.Png($"{masks}/{name}.png", W, H, mask: true);
                }
                else
                {
                    pictures.Jpeg($"{images}/{name}.jpg", W, H);
                    pictures.Jpeg($"{masks}/{name}.jpg", W, H, mask: true);
                }
            }
            Litter(Path.Combine(pictures.Root, images));
            Litter(Path.Combine(pictures.Root, masks));
            Litter(pictures.Root);
            Assert.Equal(3, Count(Described(pictures.Root, "--set", "data.trainCount=2")));
        }
        finally
        {
            pictures.Dispose();
        }
    }

    [Fact]
    public void CamVid_skips_them()
    {
        foreach (var (split, name) in new[] { ("train", "a"), ("train", "b"), ("val", "c") })
        {
            _files.Image($"{split}/{name}.png", W, H);
            _files.IndexMask($"{split}annot/{name}.png", W, H, LabelFiles.Pattern(W, H, 11, withVoid: false));
        }
        foreach (var folder in new[] { "train", "trainannot", "val", "valannot", "" }) Litter(Path.Combine(_files.Root, folder));
        var described = Described(_files.Root);
        Assert.Equal((2, 1), (described.GetProperty("train").GetInt32(), described.GetProperty("test").GetInt32()));
    }

    [Fact]
    public void Labelmaps_skip_them()
    {
        foreach (var name in new[] { "a", "b", "c" })
        {
            _files.Image($"images/{name}.png", W, H);
            _files.IndexMask($"masks/{name}.png", W, H, LabelFiles.Pattern(W, H, 2, withVoid: false));
        }
        _files.Text("classes.json", """{ "classes": [ { "name": "ground", "colour": "#000000" }, { "name": "thing", "colour": "#FF0000" } ] }""");
        foreach (var folder in new[] { "images", "masks", "" }) Litter(Path.Combine(_files.Root, folder));
        Assert.Equal(3, Count(Described(_files.Root, "--set", "data.trainCount=2")));
    }
}
