using System.Globalization;
using System.Net;
using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Visuals;

/// <summary>
/// How a notebook shows a TorchSharp tensor: a mask (H×W or 1×H×W) or an RGB image (3×H×W) with
/// values in [0, 1] (or bytes 0…255) as a picture, anything else as its shape, dtype and statistics.
/// </summary>
public static class TensorView
{
    /// <summary>Largest side drawn as a picture; larger tensors are summarised (a picture would be unreadably big).</summary>
    public const int MaxSide = 2048;

    /// <summary>The picture of a mask or image tensor, or null when it is neither.</summary>
    public static PngImage? Picture(Tensor tensor, string? title = null)
    {
        var shape = tensor.shape;
        bool plane = shape.Length == 2 || (shape.Length == 3 && shape[0] == 1);
        bool rgb = shape.Length == 3 && shape[0] == 3;
        if (!(plane || rgb) || tensor.numel() == 0) return null;
        long h = shape[^2], w = shape[^1];
        if (h < 1 || w < 1 || h > MaxSide || w > MaxSide) return null;
        if (tensor.dtype is not (ScalarType.Float32 or ScalarType.Float64 or ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Byte or ScalarType.Bool))
            return null;

        using var scope = NewDisposeScope();
        var values = tensor.detach().cpu().to_type(ScalarType.Float32);
        if (tensor.dtype == ScalarType.Byte)
        {
            using var byteRange = 255f.ToScalar();
            values = values.div(byteRange);
        }
        float min = values.min().item<float>(), max = values.max().item<float>();
        if (!float.IsFinite(min) || !float.IsFinite(max) || min < 0 || max > 1) return null; // not a mask or image: logits, normalised input…
        return rgb ? MaskImages.Image(values, title) : MaskImages.Mask(values, title);
    }

    /// <summary>"shape [3, 64, 64] · float32 · cpu · min … max … mean … std …" (statistics of finite floating values).</summary>
    public static string Summary(Tensor tensor)
    {
        var inv = CultureInfo.InvariantCulture;
        string text = $"tensor [{string.Join(", ", tensor.shape)}] · {tensor.dtype.ToString().ToLowerInvariant()} · {tensor.device}";
        if (tensor.numel() == 0) return text + " · empty";
        using var scope = NewDisposeScope();
        var values = tensor.detach().cpu().to_type(ScalarType.Float64);
        double min = values.min().item<double>(), max = values.max().item<double>(), mean = values.mean().item<double>();
        double std = tensor.numel() > 1 ? values.std().item<double>() : 0;
        return text + $" · min {min.ToString("G4", inv)} · max {max.ToString("G4", inv)} · mean {mean.ToString("G4", inv)} · std {std.ToString("G4", inv)}";
    }

    /// <summary>The notebook HTML: the picture with the summary as its caption, or the summary alone.</summary>
    public static string ToHtml(Tensor tensor)
    {
        string summary = Summary(tensor);
        var picture = Picture(tensor, summary);
        if (picture is null)
            return $"<div class=\"asm-tensor\" style=\"font-family:monospace;font-size:small\">{WebUtility.HtmlEncode(summary)}</div>";
        // Small masks are enlarged (pixelated) so that they can be seen; large ones are shown at most 512 px wide.
        return picture.ToHtml(Math.Clamp(picture.Width, 128, 512));
    }
}
