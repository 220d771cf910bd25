using Asm.Research.Configuration;
using Asm.Research.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace Asm.Research.Tests.Data;

/// <summary>
/// A few hundred mutated images and masks (truncations, flipped bytes, wrong headers, cut and
/// inserted ranges) from a seeded RNG, each loaded through the Weizmann loader beside a valid
/// partner. Each must be refused with a DataException naming the file, or load to the same
/// pixels as a reference: the unmutated file for PNG (whose chunks carry CRCs, so an accepted
/// mutation can only have hit bytes that do not matter), ImageSharp's own decode of the mutated
/// bytes, re-saved losslessly, for JPEG and BMP (which carry no checksum). A truncation of these
/// files (which end exactly at their logical end) must always be refused. No other exception type,
/// and no case may take longer than a few seconds.
/// </summary>
public sealed class ImageFuzzTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private const int Width = 24, Height = 18;
    private static readonly DataConfig Config = new() { Size = 8, TrainCount = 0, MaxImagePixels = 1_000_000 };
    private readonly TestImages _files = new();

    public void Dispose() => _files.Dispose();

    private enum Mutation { Truncate, FlipByte, HeaderBytes, CutRange, InsertBytes }

    [Fact]
    public void Mutated_images_and_masks_are_decoded_as_a_reference_decoder_does_or_refused_naming_the_file()
    {
        var random = new Random(14);
        int cases = 0, refused = 0;
        foreach (var (name, bytes, isMask) in Originals())
        {
            var reference = LoadWith(name, bytes, isMask, $"reference-{name}");
            foreach (Mutation mutation in Enum.GetValues<Mutation>())
            {
                for (int k = 0; k < 8; k++)
                {
                    byte[] mutated = Mutate(bytes, mutation, random);
                    if (mutated.AsSpan().SequenceEqual(bytes)) continue;
                    string label = $"{name}: {mutation} #{k}";
                    var outcome = RunWithTimeout(() => TryLoad(name, mutated, isMask, $"case{cases}"), label);
                    cases++;
                    if (outcome.Error is { } error)
                    {
                        refused++;
                        Assert.Contains(outcome.MutatedPath, error.Message);
                        continue;
                    }
                    Assert.True(mutation != Mutation.Truncate, $"{label}: a truncated file was accepted");
                    var expected = name.EndsWith(".png", StringComparison.Ordinal) ? reference : ImageSharpReference(name, mutated, isMask, $"ref{cases}");
                    AssertSamePixels(expected, outcome.Sample!, label);
                }
            }
        }
        output.WriteLine($"{cases} mutated files, {refused} refused, {cases - refused} decoded to the reference's pixels");
        Assert.True(cases >= 300, $"only {cases} cases");
        Assert.True(refused > cases / 3, $"only {refused} of {cases} refused: the mutations are too mild to test anything");
    }

    /// <summary>The files mutated: PNG (RGB, grey, palette, interlaced), JPEG (RGB, grey), BMP (24-bit, 8-bit palette, RLE8).</summary>
    private static IEnumerable<(string Name, byte[] Bytes, bool IsMask)> Originals()
    {
        using var photo = new Image<Rgb24>(Width, Height);
        using var mask = new Image<L8>(Width, Height);
        var random = new Random(7);
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++)
            {
                photo[x, y] = new Rgb24((byte)random.Next(256), (byte)(x * 10), (byte)(y * 12));
                mask[x, y] = new L8(Math.Abs(x - Width / 2) < 6 && Math.Abs(y - Height / 2) < 5 ? (byte)255 : (byte)0);
            }
        yield return ("photo.png", Encode(photo, new PngEncoder()), false);
        yield return ("photo-palette.png", Encode(photo, new PngEncoder { ColorType = PngColorType.Palette }), false);
        yield return ("photo-interlaced.png", Encode(photo, new PngEncoder { InterlaceMethod = PngInterlaceMode.Adam7 }), false);
        yield return ("mask.png", Encode(mask, new PngEncoder()), true);
        yield return ("photo.jpg", Encode(photo, new JpegEncoder { Quality = 90 }), false);
        yield return ("mask.jpg", Encode(mask, new JpegEncoder { Quality = 90 }), true);
        yield return ("photo.bmp", Encode(photo, new BmpEncoder { BitsPerPixel = BmpBitsPerPixel.Pixel24 }), false);
        yield return ("mask-palette.bmp", Encode(mask, new BmpEncoder { BitsPerPixel = BmpBitsPerPixel.Pixel8 }), true);
        yield return ("mask-rle.bmp", Rle8Mask(), true);
    }

    private static byte[] Encode<TPixel>(Image<TPixel> image, SixLabors.ImageSharp.Formats.IImageEncoder encoder) where TPixel : unmanaged, IPixel<TPixel>
    {
        using var stream = new MemoryStream();
        image.Save(stream, encoder);
        return stream.ToArray();
    }

    /// <summary>A hand-made RLE8 BMP (ImageSharp encodes none): a white bar on black, grey palette.</summary>
    private static byte[] Rle8Mask()
    {
        var pixels = new List<byte>();
        for (int y = 0; y < Height; y++)
        {
            bool bar = y is > 5 and < 12;
            if (bar) pixels.AddRange(new byte[] { 6, 0, 12, 255, 6, 0 });
            else pixels.AddRange(new byte[] { Width, 0 });
            pixels.AddRange(new byte[] { 0, 0 }); // end of line
        }
        pixels.AddRange(new byte[] { 0, 1 }); // end of bitmap
        const int paletteBytes = 256 * 4, offset = 14 + 40 + paletteBytes;
        var bmp = new List<byte>();
        bmp.AddRange("BM"u8.ToArray());
        bmp.AddRange(BitConverter.GetBytes(offset + pixels.Count));
        bmp.AddRange(new byte[4]);
        bmp.AddRange(BitConverter.GetBytes(offset));
        bmp.AddRange(BitConverter.GetBytes(40));
        bmp.AddRange(BitConverter.GetBytes(Width));
        bmp.AddRange(BitConverter.GetBytes(Height));
        bmp.AddRange(BitConverter.GetBytes((short)1));
        bmp.AddRange(BitConverter.GetBytes((short)8));
        bmp.AddRange(BitConverter.GetBytes(1)); // BI_RLE8
        bmp.AddRange(BitConverter.GetBytes(pixels.Count));
        bmp.AddRange(new byte[16]);
        for (int i = 0; i < 256; i++) bmp.AddRange(new[] { (byte)i, (byte)i, (byte)i, (byte)0 });
        bmp.AddRange(pixels);
        return bmp.ToArray();
    }

    private static byte[] Mutate(byte[] bytes, Mutation mutation, Random random)
    {
        var result = bytes.ToList();
        switch (mutation)
        {
            case Mutation.Truncate:
                return bytes[..random.Next(1, bytes.Length)];
            case Mutation.FlipByte:
                result[random.Next(bytes.Length)] ^= (byte)random.Next(1, 256);
                break;
            case Mutation.HeaderBytes:
                for (int n = random.Next(1, 5); n > 0; n--) result[random.Next(Math.Min(64, bytes.Length))] = (byte)random.Next(256);
                break;
            case Mutation.CutRange:
                int start = random.Next(bytes.Length - 1);
                result.RemoveRange(start, random.Next(1, Math.Min(64, bytes.Length - start)));
                break;
            case Mutation.InsertBytes:
                result.InsertRange(random.Next(bytes.Length), Enumerable.Range(0, random.Next(1, 16)).Select(_ => (byte)random.Next(256)));
                break;
        }
        return result.ToArray();
    }

    private static readonly Lazy<byte[]> PartnerImage = new(() => PartnerFile(mask: false));
    private static readonly Lazy<byte[]> PartnerMask = new(() => PartnerFile(mask: true));

    private static byte[] PartnerFile(bool mask)
    {
        using var files = new TestImages();
        return File.ReadAllBytes(files.Png("partner.png", Width, Height, mask));
    }

    private sealed record Outcome(string MutatedPath, SegmentationSample? Sample, DataException? Error);

    /// <summary>Loads the mutated file through the loader beside a valid partner (a mask for an image, an image for a mask).</summary>
    private Outcome TryLoad(string name, byte[] bytes, bool isMask, string folder)
    {
        string extension = Path.GetExtension(name);
        string image = _files.PathOf($"{folder}/horse/h1{(isMask ? ".png" : extension)}");
        string mask = _files.PathOf($"{folder}/mask/h1{(isMask ? extension : ".png")}");
        File.WriteAllBytes(isMask ? image : mask, isMask ? PartnerImage.Value : PartnerMask.Value);
        string mutated = isMask ? mask : image;
        File.WriteAllBytes(mutated, bytes);
        try
        {
            return new Outcome(mutated, WeizmannDatabase.Load(Path.Combine(_files.Root, folder), Config).Test[0], null);
        }
        catch (DataException e)
        {
            return new Outcome(mutated, null, e);
        }
    }

    private SegmentationSample LoadWith(string name, byte[] bytes, bool isMask, string folder) =>
        TryLoad(name, bytes, isMask, folder) switch
        {
            { Sample: { } sample } => sample,
            var failed => throw new InvalidOperationException($"the reference for {name} does not load: {failed.Error?.Message}"),
        };

    /// <summary>ImageSharp's decode of the very bytes, saved as a lossless PNG and loaded the same way.</summary>
    private SegmentationSample ImageSharpReference(string name, byte[] mutated, bool isMask, string folder)
    {
        using var decoded = Image.Load<Rgba32>(mutated);
        return LoadWith(Path.ChangeExtension(name, ".png"), Encode(decoded, new PngEncoder()), isMask, folder);
    }

    private static void AssertSamePixels(SegmentationSample expected, SegmentationSample actual, string label)
    {
        Assert.True(expected.Image.AsSpan().SequenceEqual(actual.Image), $"{label}: image pixels differ from the reference");
        Assert.True(expected.Original.Values.AsSpan().SequenceEqual(actual.Original.Values), $"{label}: mask differs from the reference");
    }

    private static Outcome RunWithTimeout(Func<Outcome> work, string label)
    {
        var task = Task.Run(work);
        Assert.True(task.Wait(TimeSpan.FromSeconds(10)), $"{label}: still decoding after 10 s");
        return task.Result;
    }
}
