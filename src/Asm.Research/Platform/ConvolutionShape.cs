using System.Globalization;
using System.Text.RegularExpressions;

namespace Asm.Research.Platform;

/// <summary>
/// One 2-D convolution as a backend sees it: direct or transposed, batch, channels, input side,
/// square kernel, stride, padding, bias. Written and parsed as a short text such as
/// <c>conv b8 3-&gt;16 64x64 k3 s1 p1</c> or <c>deconv b8 32-&gt;16 32x32 k2 s2 p0 bias</c>
/// (the form the self-check passes to its child processes and the characterisation prints).
/// <paramref name="InputGradient"/> false (text <c>noinputgrad</c>) is a first layer whose input
/// needs no gradient: libtorch then asks oneDNN for the weight gradient alone, a different call.
/// </summary>
public sealed partial record ConvolutionShape(
    bool Transposed, int Batch, int InChannels, int OutChannels, int Height, int Width, int Kernel, int Stride, int Padding, bool Bias,
    bool InputGradient = true)
{
    /// <summary>Output height (rows); the same formula gives the width.</summary>
    public int OutputHeight => OutputSide(Height);

    /// <summary>Output width (columns).</summary>
    public int OutputWidth => OutputSide(Width);

    private int OutputSide(int side) => Transposed
        ? (side - 1) * Stride - 2 * Padding + Kernel
        : (side + 2 * Padding - Kernel) / Stride + 1;

    /// <summary>
    /// The same convolution at a side of at most <paramref name="side"/> and a batch of at most
    /// <paramref name="batch"/>: what the self-check runs. docs/ONEDNN.md: over sides 4–128 and
    /// batches 2–16 oneDNN ran the same kernel with the same verdict for every sampled channel
    /// count, while the float64 reference's cost grows with both (batch 1 goes to ATen, so it stays 1).
    /// </summary>
    public ConvolutionShape ReducedForCheck(int side = 32, int batch = 4) =>
        this with { Height = Math.Min(Height, side), Width = Math.Min(Width, side), Batch = Math.Min(Batch, batch) };

    /// <inheritdoc/>
    public override string ToString() =>
        $"{(Transposed ? "deconv" : "conv")} b{Batch} {InChannels}->{OutChannels} {Height}x{Width} k{Kernel} s{Stride} p{Padding}{(Bias ? " bias" : "")}{(InputGradient ? "" : " noinputgrad")}";

    /// <summary>Parses <see cref="ToString"/>'s form; throws <see cref="FormatException"/> naming the text otherwise.</summary>
    public static ConvolutionShape Parse(string text)
    {
        var m = Pattern().Match(text.Trim());
        if (!m.Success)
            throw new FormatException($"'{text}' is not a convolution shape; expected e.g. 'conv b8 3->16 64x64 k3 s1 p1' or 'deconv b8 32->16 32x32 k2 s2 p0 bias'.");
        int Group(string name) => int.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture);
        var shape = new ConvolutionShape(m.Groups["kind"].Value == "deconv", Group("b"), Group("ic"), Group("oc"), Group("h"), Group("w"),
            Group("k"), Group("s"), Group("p"), m.Groups["bias"].Success, !m.Groups["nograd"].Success);
        if (shape.Batch < 1 || shape.InChannels < 1 || shape.OutChannels < 1 || shape.Kernel < 1 || shape.Stride < 1 ||
            shape.OutputHeight < 1 || shape.OutputWidth < 1)
            throw new FormatException($"'{text}': sizes must be positive and leave an output of at least 1×1.");
        return shape;
    }

    [GeneratedRegex(@"^(?<kind>conv|deconv) b(?<b>\d+) (?<ic>\d+)->(?<oc>\d+) (?<h>\d+)x(?<w>\d+) k(?<k>\d+) s(?<s>\d+) p(?<p>\d+)(?<bias> bias)?(?<nograd> noinputgrad)?$")]
    private static partial Regex Pattern();
}
