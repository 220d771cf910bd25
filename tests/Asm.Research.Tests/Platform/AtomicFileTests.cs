using Asm.Research.Inference;
using Asm.Research.Platform;
using Asm.Research.Training.Output;
using Asm.Research.Visuals;

namespace Asm.Research.Tests.Platform;

/// <summary>Every file the kit writes is whole or absent: a write that fails midway leaves the previous file and no partial one.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("asm-atomic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    /// <summary>A stream that accepts <paramref name="budget"/> bytes and then fails, as a full disk does.</summary>
    private sealed class FullDisk(Stream inner, int budget) : Stream
    {
        private int _left = budget;
        public override void Write(byte[] buffer, int offset, int count)
        {
            int taken = Math.Min(count, _left);
            inner.Write(buffer, offset, taken);
            _left -= taken;
            if (taken < count) throw new IOException("No space left on device");
        }
        public override void Flush() => inner.Flush();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    [Fact]
    public void A_png_encoder_failing_midway_leaves_the_previous_file_and_nothing_else()
    {
        string path = PathOf("horse_overlay.png");
        File.WriteAllText(path, "the previous overlay");
        using var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgb24>(64, 64);
        var failure = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream => SixLabors.ImageSharp.ImageExtensions.SaveAsPng(image, new FullDisk(stream, 100))));
        Assert.Contains("No space", failure.Message);
        Assert.Equal("the previous overlay", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_dir));
    }

    [Fact]
    public void A_failing_first_write_leaves_no_file_at_all()
    {
        string path = PathOf("sub/report.html");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.WriteVia(path, temp =>
        {
            File.WriteAllText(temp, "<html>half");
            throw new InvalidOperationException("the tool died");
        }));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Writers_replace_whole_files_and_leave_no_temporary_names()
    {
        AtomicFile.WriteAllText(PathOf("a.json"), "{\"long\": \"" + new string('x', 10_000) + "\"}");
        AtomicFile.WriteAllText(PathOf("a.json"), "{}");
        var grey = new PredictedMask("in.png", 3, 2, new float[6], null);
        MaskPng.Save(grey, PathOf("m.png"));
        Assert.Equal("{}", File.ReadAllText(PathOf("a.json")));
        Assert.Equal(["a.json", "m.png"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_link_at_the_name_is_refused_and_its_target_kept()
    {
        string victim = PathOf("victim.txt"), link = PathOf("out.png");
        File.WriteAllText(victim, "mine");
        File.CreateSymbolicLink(link, victim);
        Assert.Contains("symbolic link", Assert.Throws<OutputFolderException>(() => new PngImage([1, 2, 3], 1, 1).Save(link)).Message);
        Assert.Equal("mine", File.ReadAllText(victim));
    }

    [Fact]
    public void A_stale_link_at_the_temporary_name_is_removed_not_written_through()
    {
        string victim = PathOf("victim.txt"), path = PathOf("result.json");
        File.WriteAllText(victim, "mine");
        File.CreateSymbolicLink(AtomicFile.TemporaryName(path), victim);
        AtomicFile.WriteAllText(path, "{}");
        Assert.Equal("mine", File.ReadAllText(victim));
        Assert.Equal("{}", File.ReadAllText(path));
    }

    [Fact]
    public void Real_paths_resolve_links_along_the_way()
    {
        Directory.CreateDirectory(PathOf("real/inner"));
        Directory.CreateSymbolicLink(PathOf("link"), PathOf("real"));
        Directory.CreateSymbolicLink(PathOf("real/up"), "..");
        Assert.Equal(PathOf("real/inner/x.ipynb"), RealPath.Of(PathOf("link/inner/x.ipynb")));
        Assert.Equal(PathOf("real/x"), RealPath.Of(PathOf("link/up/link/./x")));
        Assert.Equal(PathOf("missing/y"), RealPath.Of(PathOf("missing/y")));
    }
}
