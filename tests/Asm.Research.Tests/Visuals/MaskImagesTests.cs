using Asm.Research.Platform;
using Asm.Research.Visuals;
using SixLabors.ImageSharp.PixelFormats;
using static TorchSharp.torch;

namespace Asm.Research.Tests.Visuals;

public sealed class MaskImagesTests
{
    private const int H = 8, W = 10;

    private static float[] Disc(int cx, int cy, int r)
    {
        var m = new float[H * W];
        for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) m[y * W + x] = (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r ? 1 : 0;
        return m;
    }

    private static Rgb24 Pixel(PngImage png, int x, int y)
    {
        using var image = png.Decode();
        return image[x, y];
    }

    [Fact]
    public void Image_maps_chw_channels_to_rgb()
    {
        var chw = new float[3 * H * W];
        chw[0 * H * W + 0] = 1f;              // red at (0,0)
        chw[1 * H * W + 1] = 1f;              // green at (1,0)
        chw[2 * H * W + W] = 0.5f;            // half blue at (0,1)
        var png = MaskImages.Image(chw, H, W, "t");
        Assert.Equal((W, H, "t"), (png.Width, png.Height, png.Title));
        Assert.Equal(new Rgb24(255, 0, 0), Pixel(png, 0, 0));
        Assert.Equal(new Rgb24(0, 255, 0), Pixel(png, 1, 0));
        Assert.Equal(new Rgb24(0, 0, 128), Pixel(png, 0, 1));
    }

    [Fact]
    public void Error_map_colours_tp_fp_fn_and_names_them_in_the_caption()
    {
        var truth = new float[H * W];
        var pred = new float[H * W];
        truth[0] = 1; pred[0] = 0.9f;   // TP
        pred[1] = 0.7f;                 // FP
        truth[2] = 1; pred[2] = 0.2f;   // FN
        var png = MaskImages.ErrorMap(pred, truth, H, W, title: "horse");
        Assert.Equal(new Rgb24(MaskImages.TruePositive.R, MaskImages.TruePositive.G, MaskImages.TruePositive.B), Pixel(png, 0, 0));
        Assert.Equal(new Rgb24(MaskImages.FalsePositive.R, MaskImages.FalsePositive.G, MaskImages.FalsePositive.B), Pixel(png, 1, 0));
        Assert.Equal(new Rgb24(MaskImages.FalseNegative.R, MaskImages.FalseNegative.G, MaskImages.FalseNegative.B), Pixel(png, 2, 0));
        Assert.Equal(new Rgb24(0, 0, 0), Pixel(png, 3, 0));
        Assert.Contains("false negative", png.Title);
    }

    [Fact]
    public void Overlay_tints_only_the_mask()
    {
        var image = Enumerable.Repeat(0.5f, 3 * H * W).ToArray();
        var png = MaskImages.Overlay(image, Disc(5, 4, 2), H, W, alpha: 1f);
        Assert.Equal(new Rgb24(MaskImages.OverlayTint.R, MaskImages.OverlayTint.G, MaskImages.OverlayTint.B), Pixel(png, 5, 4));
        Assert.Equal(new Rgb24(128, 128, 128), Pixel(png, 0, 0));
    }

    [Fact]
    public void Close_up_enlarges_with_nearest_neighbour()
    {
        var mask = MaskImages.Mask(Disc(5, 4, 2), H, W);
        var close = MaskImages.CloseUp(mask, 4, 3, 3, 3, scale: 5);
        Assert.Equal((15, 15), (close.Width, close.Height));
        Assert.Equal(Pixel(mask, 5, 4), Pixel(close, 7, 7));
        using var decoded = close.Decode();
        for (int y = 0; y < 15; y++) for (int x = 0; x < 15; x++) Assert.True(decoded[x, y].R is 0 or 255, "no interpolated greys");
    }

    [Fact]
    public void Tensor_overloads_match_array_ones_and_feature_maps_normalise_per_channel()
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var mask = tensor(Disc(5, 4, 2)).reshape(1, H, W);
        Assert.Equal(MaskImages.Mask(Disc(5, 4, 2), H, W).Bytes, MaskImages.Mask(mask).Bytes);

        var features = stack(new[] { arange(H * W, dtype: float32).reshape(H, W), arange(H * W, dtype: float32).reshape(H, W) * 1000 + 7 });
        var gallery = MaskImages.FeatureMaps(features);
        Assert.Equal(2, gallery.Tiles.Count);
        Assert.Equal(gallery.Tiles[0].Bytes, gallery.Tiles[1].Bytes); // same pattern, own range
        Assert.Contains("<table", gallery.ToHtml());
        var composed = gallery.ToPng(padding: 1);
        Assert.Equal((2 * W + 3, H + 2), (composed.Width, composed.Height));
    }

    [Fact]
    public void Wrong_sizes_are_refused_with_the_expected_count()
    {
        var e = Assert.Throws<ArgumentException>(() => MaskImages.Mask(new float[5], H, W));
        Assert.Contains("expected 80", e.Message);
    }

    [Fact]
    public void Png_image_html_embeds_a_data_uri_with_caption()
    {
        var png = MaskImages.Mask(Disc(5, 4, 2), H, W, "a <mask>");
        string html = png.ToHtml();
        Assert.Contains("src=\"data:image/png;base64,iVBOR", html);
        Assert.Contains("a &lt;mask&gt;", html);
    }
}
