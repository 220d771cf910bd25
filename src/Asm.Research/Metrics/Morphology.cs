using static TorchSharp.torch;

namespace Asm.Research.Metrics;

/// <summary>
/// Binary erosion and dilation as convolutions of 1×1×H×W float masks with a 0/1 structuring
/// element. Zero padding means pixels outside the image count as background, so a mask that
/// touches the image border has a contour along it (as in Cheng et al.'s boundary IoU code).
/// </summary>
internal static class Morphology
{
    /// <summary>Euclidean disk of radius r (pixels with dy² + dx² ≤ r²) as a 1×1×(2r+1)×(2r+1) kernel.</summary>
    public static Tensor Disk(int radius, Device device)
    {
        var offsets = arange(-radius, radius + 1, dtype: ScalarType.Float32, device: device);
        var squared = offsets.pow(2);
        var inside = (squared.unsqueeze(1) + squared.unsqueeze(0)) <= radius * radius;
        return inside.to_type(ScalarType.Float32).view(1, 1, 2 * radius + 1, 2 * radius + 1);
    }

    /// <summary>The 3×3 square, whose erosion strips the 8-connected 1-pixel inner contour.</summary>
    public static Tensor Square3(Device device) => ones(1, 1, 3, 3, dtype: ScalarType.Float32, device: device);

    /// <summary>Pixels whose whole neighbourhood (the kernel) lies inside the mask.</summary>
    public static Tensor Erode(Tensor mask, Tensor kernel) =>
        Hits(mask, kernel) >= kernel.sum() - 0.5;

    /// <summary>Pixels whose neighbourhood (the kernel) touches the mask.</summary>
    public static Tensor Dilate(Tensor mask, Tensor kernel) => Hits(mask, kernel) > 0.5;

    /// <summary>The mask minus its erosion: mask pixels within the kernel's reach of the background.</summary>
    public static Tensor InnerBand(Tensor mask, Tensor kernel) => mask.to_type(ScalarType.Bool) & Erode(mask, kernel).logical_not();

    // Number of mask pixels under the kernel centred on every pixel; counts are small integers, exact in float32.
    private static Tensor Hits(Tensor mask, Tensor kernel) =>
        nn.functional.conv2d(mask, kernel, padding: [kernel.shape[2] / 2, kernel.shape[3] / 2]);
}
