using System.Net;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Asm.Research.Platform;

namespace Asm.Research.Visuals;

/// <summary>
/// An encoded PNG with its size and an optional title. In a notebook it shows as an
/// <c>&lt;img&gt;</c> (the setup cell registers <see cref="ToHtml"/> as its text/html formatter).
/// </summary>
/// <param name="Bytes">The PNG file's bytes.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Title">Caption shown under the image, or null for none.</param>
public sealed record PngImage(byte[] Bytes, int Width, int Height, string? Title = null)
{
    /// <summary>Encodes an interleaved RGB buffer (H×W×3 bytes, row-major) as PNG.</summary>
    public static PngImage FromRgb(byte[] rgb, int width, int height, string? title = null)
    {
        if (rgb.Length != width * height * 3)
            throw new ArgumentException($"Expected {width}×{height}×3 = {width * height * 3} bytes, got {rgb.Length}.", nameof(rgb));
        using var image = Image.LoadPixelData<Rgb24>(rgb, width, height);
        return Encode(image, title);
    }

    /// <summary>Encodes an ImageSharp image (the caller keeps ownership of it).</summary>
    public static PngImage Encode(Image image, string? title = null)
    {
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return new PngImage(stream.ToArray(), image.Width, image.Height, title);
    }

    /// <summary>The image as a <c>data:image/png;base64,…</c> URI.</summary>
    public string ToDataUri() => "data:image/png;base64," + Convert.ToBase64String(Bytes);

    /// <summary>
    /// An HTML figure: the image (pixelated scaling, so masks stay crisp when enlarged) and its
    /// title as a caption. <paramref name="displayWidth"/> sets the shown width in CSS pixels.
    /// </summary>
    public string ToHtml(int? displayWidth = null)
    {
        int shown = displayWidth ?? Width;
        string alt = WebUtility.HtmlEncode(Title ?? "image");
        string img = $"<img src=\"{ToDataUri()}\" width=\"{shown}\" alt=\"{alt}\" style=\"image-rendering:pixelated\"/>";
        return Title is null
            ? $"<figure style=\"margin:2px;display:inline-block\">{img}</figure>"
            : $"<figure style=\"margin:2px;display:inline-block\">{img}<figcaption style=\"font-size:small;text-align:center\">{WebUtility.HtmlEncode(Title)}</figcaption></figure>";
    }

    /// <summary>Writes the PNG to <paramref name="path"/> (folders are created).</summary>
    /// <exception cref="Training.Output.OutputFolderException"><paramref name="path"/> is a symbolic link.</exception>
    public void Save(string path) => AtomicFile.WriteAllBytes(path, Bytes);

    /// <summary>Decodes the PNG (for further processing such as cropping).</summary>
    public Image<Rgb24> Decode() => Image.Load<Rgb24>(Bytes);

    /// <summary>A short description, not the bytes.</summary>
    public override string ToString() => $"PngImage {Width}×{Height}{(Title is null ? "" : $" \"{Title}\"")}";
}
