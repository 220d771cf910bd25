using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Processing;
using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Visuals;

/// <summary>
/// Renders images, masks and feature maps as <see cref="PngImage"/>s: RGB images, grey masks,
/// mask overlays, error maps, boundary close-ups, per-channel heatmaps and distance maps.
/// Arrays are row-major; images are CHW (3×H×W) with values in [0,1]. Every method also takes
/// torch tensors (copied to the CPU once; no per-pixel tensor access).
/// </summary>
public static class MaskImages
{
    /// <summary>Error map colour of a true positive (predicted and true foreground).</summary>
    public static readonly Rgb TruePositive = new(46, 204, 64);
    /// <summary>Error map colour of a false positive (predicted foreground, true background).</summary>
    public static readonly Rgb FalsePositive = new(255, 65, 54);
    /// <summary>Error map colour of a false negative (missed foreground).</summary>
    public static readonly Rgb FalseNegative = new(0, 116, 217);
    /// <summary>Default overlay tint.</summary>
    public static readonly Rgb OverlayTint = new(255, 40, 160);
    /// <summary>The legend of <see cref="ErrorMap(float[], float[], int, int, float[], string, float)"/>, added to its caption.</summary>
    public const string ErrorLegend = "green: true positive · red: false positive · blue: false negative";

    /// <summary>An RGB image (3×H×W, values in [0,1], clamped).</summary>
    public static PngImage Image(float[] chw, int height, int width, string? title = null)
    {
        CheckLength(chw, 3 * height * width, "image (3×H×W)");
        return PngImage.FromRgb(ToRgb(chw, height, width), width, height, title);
    }

    /// <summary>An RGB image tensor (3×H×W or 1×3×H×W, values in [0,1]).</summary>
    public static PngImage Image(Tensor image, string? title = null)
    {
        var (values, h, w) = ReadImage(image);
        return Image(values, h, w, title);
    }

    /// <summary>A normalised image tensor, shown after <paramref name="denormalize"/> (e.g. ImageNormalization.Denormalize).</summary>
    public static PngImage Image(Tensor normalized, Func<Tensor, Tensor> denormalize, string? title = null)
    {
        using var scope = NewDisposeScope();
        return Image(denormalize(normalized), title);
    }

    /// <summary>A mask or probability map (H×W, values in [0,1]) in grey: 0 black, 1 white.</summary>
    public static PngImage Mask(float[] mask, int height, int width, string? title = null)
    {
        CheckLength(mask, height * width, "mask (H×W)");
        var rgb = new byte[height * width * 3];
        for (int i = 0; i < mask.Length; i++)
        {
            byte v = ToByte(mask[i]);
            rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = v;
        }
        return PngImage.FromRgb(rgb, width, height, title);
    }

    /// <summary>A mask tensor (H×W, 1×H×W or 1×1×H×W).</summary>
    public static PngImage Mask(Tensor mask, string? title = null)
    {
        var (values, h, w) = ReadPlane(mask);
        return Mask(values, h, w, title);
    }

    /// <summary>
    /// The image with the mask tinted over it: each pixel is blended towards <paramref name="tint"/>
    /// by <paramref name="alpha"/> × mask value, so probabilities show as partial tint.
    /// </summary>
    public static PngImage Overlay(float[] image, float[] mask, int height, int width, string? title = null,
                                   float alpha = 0.5f, Rgb? tint = null)
    {
        CheckLength(image, 3 * height * width, "image (3×H×W)");
        CheckLength(mask, height * width, "mask (H×W)");
        var c = tint ?? OverlayTint;
        var rgb = ToRgb(image, height, width);
        for (int i = 0; i < mask.Length; i++)
        {
            float a = alpha * Math.Clamp(float.IsNaN(mask[i]) ? 0f : mask[i], 0f, 1f);
            if (a <= 0f) continue;
            rgb[3 * i] = Blend(rgb[3 * i], c.R, a);
            rgb[3 * i + 1] = Blend(rgb[3 * i + 1], c.G, a);
            rgb[3 * i + 2] = Blend(rgb[3 * i + 2], c.B, a);
        }
        return PngImage.FromRgb(rgb, width, height, title);
    }

    /// <summary>Tensor form of <see cref="Overlay(float[], float[], int, int, string, float, Rgb?)"/>; the image must be in [0,1].</summary>
    public static PngImage Overlay(Tensor image, Tensor mask, string? title = null, float alpha = 0.5f, Rgb? tint = null)
    {
        var (img, h, w) = ReadImage(image);
        var (m, mh, mw) = ReadPlane(mask);
        CheckSameSize(h, w, mh, mw);
        return Overlay(img, m, h, w, title, alpha, tint);
    }

    /// <summary>
    /// Where a prediction is right and wrong: true positives, false positives and false negatives
    /// in <see cref="TruePositive"/>, <see cref="FalsePositive"/>, <see cref="FalseNegative"/>;
    /// true negatives show the image darkened (or black without an image). The prediction is
    /// thresholded at <paramref name="threshold"/>, the truth at 0.5. The caption carries the legend.
    /// </summary>
    public static PngImage ErrorMap(float[] prediction, float[] truth, int height, int width, float[]? image = null,
                                    string? title = null, float threshold = 0.5f)
    {
        CheckLength(prediction, height * width, "prediction (H×W)");
        CheckLength(truth, height * width, "truth (H×W)");
        byte[] rgb;
        if (image is null) rgb = new byte[height * width * 3];
        else
        {
            CheckLength(image, 3 * height * width, "image (3×H×W)");
            rgb = ToRgb(image, height, width);
            for (int i = 0; i < rgb.Length; i++) rgb[i] = (byte)(rgb[i] * 2 / 5);
        }
        for (int i = 0; i < truth.Length; i++)
        {
            bool p = prediction[i] > threshold, t = truth[i] > 0.5f;
            Rgb? c = (p, t) switch { (true, true) => TruePositive, (true, false) => FalsePositive, (false, true) => FalseNegative, _ => null };
            if (c is { } k) { rgb[3 * i] = k.R; rgb[3 * i + 1] = k.G; rgb[3 * i + 2] = k.B; }
        }
        string caption = string.IsNullOrEmpty(title) ? ErrorLegend : $"{title} ({ErrorLegend})";
        return PngImage.FromRgb(rgb, width, height, caption);
    }

    /// <summary>Tensor form of <see cref="ErrorMap(float[], float[], int, int, float[], string, float)"/> (prediction as probabilities).</summary>
    public static PngImage ErrorMap(Tensor prediction, Tensor truth, Tensor? image = null, string? title = null, float threshold = 0.5f)
    {
        var (p, h, w) = ReadPlane(prediction);
        var (t, th, tw) = ReadPlane(truth);
        CheckSameSize(h, w, th, tw);
        float[]? img = null;
        if (image is not null)
        {
            var (values, ih, iw) = ReadImage(image);
            CheckSameSize(h, w, ih, iw);
            img = values;
        }
        return ErrorMap(p, t, h, w, img, title, threshold);
    }

    /// <summary>
    /// A close-up of a region (e.g. a thin leg or a boundary): the rectangle at
    /// (<paramref name="x"/>, <paramref name="y"/>) of the given size, clipped to the image, enlarged
    /// <paramref name="scale"/> times with nearest-neighbour so every pixel stays a visible square.
    /// </summary>
    public static PngImage CloseUp(PngImage image, int x, int y, int width, int height, int scale = 4, string? title = null)
    {
        if (scale < 1) throw new ArgumentOutOfRangeException(nameof(scale), scale, "Scale must be at least 1.");
        var rect = Rectangle.Intersect(new Rectangle(x, y, width, height), new Rectangle(0, 0, image.Width, image.Height));
        if (rect.Width <= 0 || rect.Height <= 0)
            throw new ArgumentException($"The region ({x},{y}) {width}×{height} lies outside the {image.Width}×{image.Height} image.");
        using var decoded = image.Decode();
        decoded.Mutate(ctx => ctx.Crop(rect).Resize(rect.Width * scale, rect.Height * scale, KnownResamplers.NearestNeighbor));
        return PngImage.Encode(decoded, title ?? $"{image.Title ?? "close-up"} [{rect.X},{rect.Y} {rect.Width}×{rect.Height}] ×{scale}");
    }

    /// <summary>
    /// A scalar map (H×W) through a colormap (default viridis). With <paramref name="normalize"/> the
    /// map is stretched to its own min..max (a constant map shows as the lowest colour); otherwise values are clamped to [0,1].
    /// </summary>
    public static PngImage Heatmap(float[] values, int height, int width, Colormap? colormap = null, string? title = null, bool normalize = true)
    {
        CheckLength(values, height * width, "map (H×W)");
        var map = colormap ?? Colormap.Viridis;
        float lo = 0f, scale = 1f;
        if (normalize)
        {
            float min = float.PositiveInfinity, max = float.NegativeInfinity;
            foreach (float v in values)
                if (float.IsFinite(v)) { if (v < min) min = v; if (v > max) max = v; }
            lo = float.IsFinite(min) ? min : 0f;
            scale = max > min ? 1f / (max - min) : 0f;
        }
        var rgb = new byte[height * width * 3];
        for (int i = 0; i < values.Length; i++) map.Write((values[i] - lo) * scale, rgb, 3 * i);
        return PngImage.FromRgb(rgb, width, height, title);
    }

    /// <summary>Tensor form of <see cref="Heatmap(float[], int, int, Colormap, string, bool)"/> (H×W or 1×H×W).</summary>
    public static PngImage Heatmap(Tensor map, Colormap? colormap = null, string? title = null, bool normalize = true)
    {
        var (values, h, w) = ReadPlane(map);
        return Heatmap(values, h, w, colormap, title, normalize);
    }

    /// <summary>
    /// Feature maps (C×H×W or 1×C×H×W) as a gallery of per-channel heatmaps, each normalised to its
    /// own range: the first <paramref name="maxChannels"/> channels, captioned with channel index and range.
    /// </summary>
    public static Gallery FeatureMaps(Tensor features, int maxChannels = 16, Colormap? colormap = null, int columns = 8,
                                      string? title = null, int? tileWidth = null)
    {
        float[] values;
        long c, h, w;
        using (NewDisposeScope())
        {
            var t = features.dim() == 4 && features.shape[0] == 1 ? features[0] : features;
            if (t.dim() != 3) throw new ArgumentException($"Expected C×H×W feature maps, got shape [{string.Join(",", features.shape)}].", nameof(features));
            (c, h, w) = (t.shape[0], t.shape[1], t.shape[2]);
            long shown = Math.Min(c, maxChannels);
            values = ToFloats(t.narrow(0, 0, shown));
        }
        int n = (int)Math.Min(c, maxChannels), plane = (int)(h * w);
        var tiles = new List<PngImage>(n);
        for (int k = 0; k < n; k++)
        {
            var slice = values.AsSpan(k * plane, plane).ToArray();
            float min = slice.Where(float.IsFinite).DefaultIfEmpty(0f).Min(), max = slice.Where(float.IsFinite).DefaultIfEmpty(0f).Max();
            tiles.Add(Heatmap(slice, (int)h, (int)w, colormap, $"ch {k}: {min:0.###}…{max:0.###}"));
        }
        string caption = title ?? $"{n} of {c} channels, {h}×{w}, {(colormap ?? Colormap.Viridis).Name}, each normalised to its own range";
        return new Gallery(tiles, columns, caption, tileWidth ?? Math.Max(64, (int)w));
    }

    /// <summary>A distance map (H×W, e.g. distance to the nearest boundary) in magma, scaled to 0..its maximum.</summary>
    public static PngImage DistanceMap(float[] distances, int height, int width, string? title = null)
    {
        CheckLength(distances, height * width, "distance map (H×W)");
        float max = distances.Where(float.IsFinite).DefaultIfEmpty(0f).Max();
        var scaled = new float[distances.Length];
        float k = max > 0 ? 1f / max : 0f;
        for (int i = 0; i < scaled.Length; i++) scaled[i] = distances[i] * k;
        return Heatmap(scaled, height, width, Colormap.Magma, title ?? $"distance 0…{max:0.##}", normalize: false);
    }

    /// <summary>Tensor form of <see cref="DistanceMap(float[], int, int, string)"/>.</summary>
    public static PngImage DistanceMap(Tensor distances, string? title = null)
    {
        var (values, h, w) = ReadPlane(distances);
        return DistanceMap(values, h, w, title);
    }

    /// <summary>A tensor's values as float32 on the CPU, in row-major order (one copy).</summary>
    internal static float[] ToFloats(Tensor t)
    {
        using var scope = NewDisposeScope();
        return t.detach().cpu().to_type(ScalarType.Float32).contiguous().data<float>().ToArray();
    }

    private static (float[] Values, int Height, int Width) ReadImage(Tensor image)
    {
        using var scope = NewDisposeScope();
        var t = image.dim() == 4 && image.shape[0] == 1 ? image[0] : image;
        if (t.dim() != 3 || t.shape[0] != 3)
            throw new ArgumentException($"Expected an RGB image 3×H×W, got shape [{string.Join(",", image.shape)}].", nameof(image));
        return (ToFloats(t), (int)t.shape[1], (int)t.shape[2]);
    }

    private static (float[] Values, int Height, int Width) ReadPlane(Tensor map)
    {
        using var scope = NewDisposeScope();
        var t = map;
        while (t.dim() > 2 && t.shape[0] == 1) t = t[0];
        if (t.dim() != 2)
            throw new ArgumentException($"Expected a single map H×W (or 1×H×W), got shape [{string.Join(",", map.shape)}].", nameof(map));
        return (ToFloats(t), (int)t.shape[0], (int)t.shape[1]);
    }

    private static byte[] ToRgb(float[] chw, int height, int width)
    {
        int plane = height * width;
        var rgb = new byte[plane * 3];
        for (int c = 0; c < 3; c++)
            for (int i = 0; i < plane; i++)
                rgb[3 * i + c] = ToByte(chw[c * plane + i]);
        return rgb;
    }

    private static byte ToByte(float v) => float.IsNaN(v) ? (byte)0 : (byte)MathF.Round(Math.Clamp(v, 0f, 1f) * 255f);

    private static byte Blend(byte from, byte to, float a) => (byte)MathF.Round(from + a * (to - from));

    private static void CheckLength(float[] values, int expected, string what)
    {
        if (values.Length != expected)
            throw new ArgumentException($"The {what} has {values.Length} values; expected {expected}.");
    }

    private static void CheckSameSize(int h, int w, int h2, int w2)
    {
        if (h != h2 || w != w2) throw new ArgumentException($"Sizes differ: {w}×{h} and {w2}×{h2}.");
    }
}
