using Asm.Research.Platform;

namespace OneDnnConvCheck;

/// <summary>
/// A sample of the grid (channels {1…256} × sides 4–128 × kernels 1–4 × strides 1–2 ×
/// batch 1–16 is far too many cases for 2 cores): every channel count on one axis with the
/// others fixed, then side, kernel/stride and batch sweeps at a narrow and a wide channel count.
/// </summary>
internal static class Grid
{
    public static readonly int[] Channels = [1, 2, 3, 4, 8, 12, 16, 24, 32, 64, 128, 256];

    public static IEnumerable<(string Axis, ConvolutionShape Shape)> Cases()
    {
        static ConvolutionShape Conv(int b, int ic, int oc, int side, int k, int s, int p) => new(false, b, ic, oc, side, side, k, s, p, false);
        static ConvolutionShape Deconv(int b, int ic, int oc, int side, int k, int s) => new(true, b, ic, oc, side, side, k, s, 0, false);

        foreach (int c in Channels) yield return ("in channels", Conv(4, c, 16, 16, 3, 1, 1));
        foreach (int c in Channels) yield return ("out channels", Conv(4, 16, c, 16, 3, 1, 1));
        foreach (int c in Channels) yield return ("in = out channels", Conv(4, c, c, c >= 128 ? 8 : 16, 3, 1, 1));
        foreach (int c in Channels) yield return ("deconv in channels", Deconv(4, c, 16, 16, 2, 2));
        foreach (int c in Channels) yield return ("deconv out channels", Deconv(4, 16, c, 16, 2, 2));
        foreach (int c in new[] { 4, 8, 16 })
            foreach (int side in new[] { 4, 8, 16, 32, 64, 128 })
                yield return ($"side, {c} ch", Conv(4, c, c, side, 3, 1, 1));
        foreach (int c in new[] { 4, 16 })
            foreach (int k in new[] { 1, 2, 3, 4 })
                foreach (int s in new[] { 1, 2 })
                    yield return ($"kernel/stride, {c} ch", Conv(4, c, c, 32, k, s, (k - 1) / 2));
        foreach (int c in new[] { 4, 16 })
            foreach (int b in new[] { 1, 2, 4, 8, 16 })
                yield return ($"batch, {c} ch", Conv(b, c, c, 32, 3, 1, 1));
        foreach (int c in new[] { 4, 16 })
            foreach (int k in new[] { 2, 3, 4 })
                yield return ($"deconv kernel, {c} ch", Deconv(4, c, c, 16, k, 2));
    }
}
