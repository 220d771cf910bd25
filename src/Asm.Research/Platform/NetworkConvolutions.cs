using Asm.Research.Configuration;
using Asm.Research.Models;
using Asm.Research.Training.Methods;

namespace Asm.Research.Platform;

/// <summary>
/// Every distinct convolution a run's networks execute (S, and A for asm / asm+bce, D for cgan),
/// computed from the config alone, so the oneDNN ISA can be chosen before libtorch loads. It
/// follows the layer layouts of <see cref="Models.UNet"/>, <see cref="Models.StructureAnalyzer"/>
/// and <see cref="Models.PatchDiscriminator"/>; <c>NetworkConvolutionsTests</c> compares it with
/// the shapes the real modules report through forward hooks.
/// </summary>
public static class NetworkConvolutions
{
    /// <summary>The convolutions of <paramref name="config"/>'s networks at its size and batch, sorted, without repeats.</summary>
    public static IReadOnlyList<ConvolutionShape> Of(ExperimentConfig config)
    {
        var size = config.Data.Size;
        int batch = config.Training.BatchSize, channels = config.Task.Channels;
        return Distinct(MethodRegistry.NetworksOf(config.Method).SelectMany(network => network switch
        {
            NetworkKind.UNet => Predictor(config.Predictor, size, batch, channels),
            NetworkKind.Analyzer => Analyzer(config.Analyzer, size, batch, channels),
            NetworkKind.Discriminator => Discriminator(config.Discriminator, size, batch, channels),
            _ => throw new ArgumentOutOfRangeException(nameof(config), network, "a network without a convolution layout here"),
        }));
    }

    /// <summary>The union of several configs' convolutions, sorted, without repeats.</summary>
    public static IReadOnlyList<ConvolutionShape> Of(IEnumerable<ExperimentConfig> configs) => Distinct(configs.SelectMany(Of));

    /// <summary>
    /// The networks the kit ships settings for — DESIGN.md's defaults, <see cref="ExperimentConfig.Quick"/>
    /// and the notebooks' smoke settings (U-Net width 4, analyzer widths 8, D at 1/16) — for every
    /// method at 32 and 64 px and batch 8 (cgan from 64 px): what the test suite and the notebooks
    /// run, and what hosts that cannot name their networks before torch loads are checked for.
    /// </summary>
    public static IReadOnlyList<ConvolutionShape> KitDefaults()
    {
        var full = new ExperimentConfig();
        var quick = full.Quick();
        var smoke = quick with
        {
            Predictor = quick.Predictor with { Width = 4 },
            Analyzer = quick.Analyzer with { Widths = [8, 8, 8, 8, 8] },
            Discriminator = quick.Discriminator with { WidthMultiplier = 1.0 / 16 },
        };
        var configs = from baseConfig in new[] { full, quick, smoke }
                      from size in new[] { 32, 64 }
                      from method in ExperimentConfig.Methods
                      where method != "cgan" || size >= 64
                      select baseConfig.WithMethod(method) with
                      {
                          Data = baseConfig.Data with { Size = size },
                          Training = baseConfig.Training with { BatchSize = 8 },
                      };
        return Of(configs);
    }

    private static IReadOnlyList<ConvolutionShape> Distinct(IEnumerable<ConvolutionShape> shapes) =>
        shapes.Distinct().OrderBy(s => s.ToString(), StringComparer.Ordinal).ToList();

    private static ConvolutionShape Conv(int batch, long input, long output, (int H, int W) side, int kernel, int stride, int padding, bool bias, bool inputGradient = true) =>
        new(false, batch, checked((int)input), checked((int)output), side.H, side.W, kernel, stride, padding, bias, inputGradient);

    private static IEnumerable<ConvolutionShape> Predictor(UNetConfig unet, ImageSize size, int batch, int channels)
    {
        long Width(int level) => (long)unet.Width << level;
        (int, int) Side(int level) => (size.Height >> level, size.Width >> level);
        long previous = unet.InChannels;
        for (int level = 0; level <= unet.Depth; level++)
        {
            // [conv3×3-BN-ReLU]×2 per level, the bottleneck (level = depth) included; no bias before BN.
            // The first conv reads the images, which need no gradient.
            yield return Conv(batch, previous, Width(level), Side(level), 3, 1, 1, false, inputGradient: level > 0);
            yield return Conv(batch, Width(level), Width(level), Side(level), 3, 1, 1, false);
            previous = Width(level);
        }
        for (int level = 0; level < unet.Depth; level++)
        {
            yield return unet.BilinearUp
                ? Conv(batch, Width(level + 1), Width(level), Side(level), 3, 1, 1, true)
                : new ConvolutionShape(true, batch, (int)Width(level + 1), (int)Width(level), size.Height >> (level + 1), size.Width >> (level + 1), 2, 2, 0, true);
            yield return Conv(batch, 2 * Width(level), Width(level), Side(level), 3, 1, 1, false);
            yield return Conv(batch, Width(level), Width(level), Side(level), 3, 1, 1, false);
        }
        yield return Conv(batch, Width(0), channels, Side(0), 1, 1, 0, true);
    }

    private static IEnumerable<ConvolutionShape> Analyzer(AnalyzerConfig analyzer, ImageSize size, int batch, int channels)
    {
        int[] widths = analyzer.Widths;
        // sides[i]: input size of encoder conv i; sides[i + 1] its output size.
        var sides = new (int H, int W)[widths.Length + 1];
        sides[0] = (size.Height, size.Width);
        int Next(int side) => (side + 2 * analyzer.Padding - 3) / 2 + 1;
        for (int i = 0; i < widths.Length; i++) sides[i + 1] = (Next(sides[i].H), Next(sides[i].W));
        long previous = channels;
        for (int i = 0; i < widths.Length; i++)
        {
            yield return Conv(batch, previous, widths[i], sides[i], 3, 2, analyzer.Padding, true);
            previous = widths[i];
        }
        // Decoder conv j rebuilds level L = 3 − j from the deepest output (j = 0) or the previous concat.
        for (int j = 0; j < widths.Length - 1; j++)
        {
            int level = widths.Length - 2 - j;
            long input = j == 0 ? widths[^1] : 2L * widths[level + 1];
            yield return Conv(batch, input, widths[level], sides[level + 2], 3, 1, 1, true);
        }
        yield return Conv(batch, 2L * widths[0], channels, sides[1], 1, 1, 0, true);
    }

    private static IEnumerable<ConvolutionShape> Discriminator(DiscriminatorConfig discriminator, ImageSize size, int batch, int channels)
    {
        long previous = 3 + channels; // image (3) + label map (K)
        (int H, int W) side = (size.Height, size.Width);
        for (int i = 0; i < discriminator.Widths.Length; i++)
        {
            long width = Math.Max(1, (long)Math.Round(discriminator.Widths[i] * discriminator.WidthMultiplier, MidpointRounding.AwayFromZero));
            int stride = discriminator.Strides[i];
            yield return Conv(batch, previous, width, side, 4, stride, 1, i == 0);
            side = ((side.H + 2 - 4) / stride + 1, (side.W + 2 - 4) / stride + 1);
            previous = width;
        }
        yield return Conv(batch, previous, 1, side, 4, 1, 1, true);
    }
}
