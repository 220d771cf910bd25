using Asm.Research.Configuration;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Asm.Research.Models;

/// <summary>
/// The structure analyzer A: a U-Net-shaped auto-encoder over K-channel label maps in [0, 1] (K = 1 for a
/// binary task; K = C one-hot / softmax channels for a multi-class one),
/// without batch norm, biases on (DESIGN.md). Encoder: 5 convs 3×3, stride 2, ReLU after each.
/// Decoder, for encoder levels 4, 3, 2, 1: conv3×3 to that level's width, ReLU, bilinear resize to
/// that level's size, concat with that level's post-ReLU output. Then a 1×1 conv to K channels
/// and a bilinear resize to the input size: the reconstruction logits.
/// The features φ₁…φ₉ are the 9 convs' pre-ReLU outputs (φ₁…φ₅ encoder, φ₆…φ₉ decoder).
/// </summary>
public sealed class StructureAnalyzer : Module<Tensor, AnalyzerOutput>
{
    /// <summary>Number of features φ₁…φ₉ (5 encoder convs + 4 decoder convs).</summary>
    public const int FeatureCount = 9;

    private const int EncoderLevels = 5;

    private readonly ModuleList<Conv2d> encoder = new();
    // decoder[j] rebuilds encoder level 4 − j (1-based), i.e. produces φ₆₊ⱼ.
    private readonly ModuleList<Conv2d> decoder = new();
    private readonly Conv2d reconstruct;
    private readonly int padding;
    private readonly int channels;

    /// <summary>Builds the analyzer described by <paramref name="config"/> for label maps of <paramref name="channels"/> channels.</summary>
    /// <exception cref="ArgumentException">Not exactly 5 positive widths, a negative padding, or fewer than 1 channel.</exception>
    public StructureAnalyzer(AnalyzerConfig config, int channels = 1, string name = "analyzer") : base(name)
    {
        ArgumentNullException.ThrowIfNull(config);
        int[] widths = config.Widths;
        if (widths is null || widths.Length != EncoderLevels || widths.Any(w => w < 1))
            throw new ArgumentException(
                $"The analyzer needs exactly {EncoderLevels} positive encoder widths (it has {FeatureCount} features); " +
                $"got [{string.Join(", ", widths ?? [])}].", nameof(config));
        if (config.Padding < 0)
            throw new ArgumentException($"Analyzer padding must be 0 or more (got {config.Padding}).", nameof(config));
        if (channels < 1) throw new ArgumentException($"The analyzer needs at least 1 label channel (got {channels}).", nameof(channels));
        padding = config.Padding;
        this.channels = channels;

        long previous = channels;
        foreach (int width in widths)
        {
            encoder.Add(Conv2d(previous, width, 3, stride: 2, padding: padding));
            previous = width;
        }
        // Level 4's decoder conv reads the deepest encoder output; the others read the previous
        // concat, which holds twice the width of the level it was resized to.
        for (int level = EncoderLevels - 2; level >= 0; level--)
        {
            long input = level == EncoderLevels - 2 ? widths[EncoderLevels - 1] : 2L * widths[level + 1];
            decoder.Add(Conv2d(input, widths[level], 3, stride: 1, padding: 1));
        }
        reconstruct = Conv2d(2L * widths[0], channels, 1);
        RegisterComponents();
    }

    /// <summary>Label channels K it reads and reconstructs.</summary>
    public int Channels => channels;

    /// <summary>All 9 features and the reconstruction logits for label maps N×K×H×W.</summary>
    public override AnalyzerOutput forward(Tensor labels) => Run(labels, FeatureCount, reconstruct: true);

    /// <summary>
    /// Runs the analyzer only as far as needed: up to φ_<paramref name="deepestFeature"/>, or to the
    /// end when <paramref name="reconstruct"/> is set (ASM matches φ₁, φ₂ by default, so stopping
    /// after the second conv saves most of the work for the prediction's pass).
    /// </summary>
    /// <param name="labels">Label maps N×K×H×W with values in [0, 1].</param>
    /// <param name="deepestFeature">Features returned: φ₁…φ_deepestFeature (0 to 9).</param>
    /// <param name="reconstruct">Also compute the reconstruction logits (N×K×H×W).</param>
    /// <exception cref="ArgumentException">Not N×K×H×W, too small for 5 strided convs, or deepestFeature outside 0…9.</exception>
    public AnalyzerOutput Run(Tensor labels, int deepestFeature, bool reconstruct)
    {
        if (deepestFeature is < 0 or > FeatureCount)
            throw new ArgumentException($"deepestFeature must be between 0 and {FeatureCount} (got {deepestFeature}).", nameof(deepestFeature));
        CheckInput(labels);
        int last = reconstruct ? FeatureCount : deepestFeature;
        var features = new List<Tensor>(last);

        // Encoder: φ₁…φ₅, each a strided conv; its post-ReLU output is both the next input and a skip.
        var skips = new List<Tensor>(EncoderLevels);
        var h = labels;
        for (int i = 0; i < EncoderLevels && features.Count < last; i++)
        {
            var phi = encoder[i].call(h);
            features.Add(phi);
            if (features.Count == last) break; // the deepest feature asked for: nothing reads its ReLU
            h = functional.relu(phi);
            skips.Add(h);
        }

        // Decoder, levels 4…1: φ₆…φ₉, then resize to the skip's size and concat with it.
        for (int j = 0; j < decoder.Count && features.Count < last; j++)
        {
            var skip = skips[EncoderLevels - 2 - j];
            var phi = decoder[j].call(h);
            features.Add(phi);
            h = cat([skip, Resize(functional.relu(phi), skip)], 1);
        }

        Tensor? reconstruction = reconstruct ? Resize(this.reconstruct.call(h), labels) : null;
        return new AnalyzerOutput(features.Take(deepestFeature).ToList(), reconstruction);
    }

    private static Tensor Resize(Tensor x, Tensor like) => functional.interpolate(
        x, size: [like.shape[2], like.shape[3]], mode: InterpolationMode.Bilinear, align_corners: false);

    private void CheckInput(Tensor labels)
    {
        if (labels.dim() != 4 || labels.shape[1] != channels)
            throw new ArgumentException($"The analyzer expects label maps N×{channels}×H×W; got shape [{string.Join(", ", labels.shape)}].", nameof(labels));
        long height = labels.shape[2], width = labels.shape[3];
        for (int i = 0; i < EncoderLevels; i++)
        {
            height = ConvOutput(height, padding);
            width = ConvOutput(width, padding);
        }
        if (height < 1 || width < 1)
            throw new ArgumentException(
                $"Label maps of {labels.shape[2]}×{labels.shape[3]} are too small for the analyzer's 5 stride-2 convs " +
                $"(padding {padding}); use at least {MinimumSide(padding)} px per side.", nameof(labels));
    }

    // Output side of a 3×3 stride-2 conv; 0 when the padded input is smaller than the kernel.
    private static long ConvOutput(long side, int padding) =>
        side < 1 || side + 2 * padding < 3 ? 0 : (side + 2 * padding - 3) / 2 + 1;

    /// <summary>Smallest label-map side the analyzer's 5 stride-2 convs accept with <paramref name="padding"/> (for checking a config before building it).</summary>
    public static int MinimumSide(int padding)
    {
        for (int side = 1; ; side++)
        {
            long n = side;
            for (int i = 0; i < EncoderLevels; i++) n = ConvOutput(n, padding);
            if (n >= 1) return side;
        }
    }
}
