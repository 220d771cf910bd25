using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Metrics;

/// <summary>
/// A symmetric structuring element given by the half-width of each of its rows, from the top
/// row (dy = −r) to the bottom (dy = r).
/// </summary>
internal sealed record StructuringElement(int[] HalfWidths)
{
    public int Radius => HalfWidths.Length / 2;
}

/// <summary>
/// Binary erosion and dilation of 1×1×H×W masks, as max-pools along each row of the
/// structuring element (no convolutions: they are slow for one-channel masks, and exact here).
/// Pixels outside the image count as background, so a mask that touches the image border has a
/// contour along it (as in Cheng et al.'s boundary IoU code).
/// </summary>
internal static class Morphology
{
    /// <summary>Euclidean disk of radius r: pixels with dy² + dx² ≤ r².</summary>
    public static StructuringElement Disk(int radius) =>
        new(Enumerable.Range(-radius, 2 * radius + 1).Select(dy => (int)Math.Floor(Math.Sqrt(radius * radius - dy * dy) + 1e-9)).ToArray());

    /// <summary>
    /// The (2r+1)×(2r+1) square: eroding by it once equals r erosions by the 3×3 square
    /// (chessboard distance), as Cheng et al.'s boundary IoU code does with cv2.erode.
    /// </summary>
    public static StructuringElement Square(int radius) => new(Enumerable.Repeat(radius, 2 * radius + 1).ToArray());

    /// <summary>The 3×3 square, whose erosion strips the 8-connected 1-pixel inner contour.</summary>
    public static StructuringElement Square3 { get; } = Square(1);

    /// <summary>Pixels whose neighbourhood (the element) touches the mask.</summary>
    public static Tensor Dilate(Tensor mask, StructuringElement element) => DilatePadded(mask.to_type(ScalarType.Float32), element, outside: 0);

    /// <summary>Pixels whose whole neighbourhood (the element) lies inside the mask.</summary>
    public static Tensor Erode(Tensor mask, StructuringElement element) =>
        DilatePadded(mask.to_type(ScalarType.Bool).logical_not().to_type(ScalarType.Float32), element, outside: 1).logical_not();

    /// <summary>The mask minus its erosion: mask pixels within the element's reach of the background.</summary>
    public static Tensor InnerBand(Tensor mask, StructuringElement element) =>
        mask.to_type(ScalarType.Bool) & Erode(mask, element).logical_not();

    // Union over the element's rows of (row-wise max-pool, shifted by dy); the image is padded
    // with `outside` so that the border behaves as background (dilation) or as foreground of the complement (erosion).
    private static Tensor DilatePadded(Tensor mask, StructuringElement element, float outside)
    {
        using var scope = NewDisposeScope();
        int r = element.Radius;
        long height = mask.shape[2], width = mask.shape[3];
        var padded = nn.functional.pad(mask, [r, r, r, r], value: outside);
        using var half = 0.5.ToScalar();
        Tensor? result = null;
        for (int row = 0; row < element.HalfWidths.Length; row++)
        {
            int w = element.HalfWidths[row];
            // Output pixel y looks at input row y + dy, dy = row − r: rows row … row + height of the padded image.
            var rows = padded.narrow(2, row, height);
            var pooled = w == 0 ? rows : nn.functional.max_pool2d(rows, [1, 2 * w + 1], [1, 1]);
            var aligned = pooled.narrow(3, r - w, width);
            result = result is null ? aligned.gt(half) : result.logical_or_(aligned.gt(half));
        }
        return result!.MoveToOuterDisposeScope();
    }
}
