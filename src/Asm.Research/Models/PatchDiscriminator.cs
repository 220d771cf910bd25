using Asm.Research.Configuration;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Asm.Research.Models;

/// <summary>
/// The cGAN baseline's patch discriminator D: it judges concat(image, label map) (3 + K channels: K = 1 for a
/// binary task, C for a multi-class one)
/// patch by patch. Convs are 4×4 with padding 1, widths <see cref="DiscriminatorConfig.Widths"/>
/// × <see cref="DiscriminatorConfig.WidthMultiplier"/> (rounded, at least 1) and strides
/// <see cref="DiscriminatorConfig.Strides"/>, each followed by BN + ReLU — except the first, which
/// has no BN, as in pix2pix (which follows DCGAN's advice to keep BN off D's input layer for stability). A final
/// 4×4 conv (stride 1) gives one logit per patch. DESIGN.md asks for ReLU; pix2pix uses LeakyReLU(0.2).
/// </summary>
public sealed class PatchDiscriminator : Module<Tensor, Tensor, Tensor>
{
    private const int ImageChannels = 3;
    private const int Kernel = 4;
    private const int Padding = 1;

    private readonly Sequential body;
    private readonly int[] strides;
    private readonly int labelChannels;

    /// <summary>Builds the discriminator described by <paramref name="config"/> for label maps of <paramref name="labelChannels"/> channels.</summary>
    /// <exception cref="ArgumentException">Widths and strides of different lengths, empty, or not positive; no label channel.</exception>
    public PatchDiscriminator(DiscriminatorConfig config, int labelChannels = 1, string name = "discriminator") : base(name)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Widths is null || config.Strides is null || config.Widths.Length == 0 || config.Widths.Length != config.Strides.Length)
            throw new ArgumentException("The discriminator needs as many strides as widths, and at least one of each.", nameof(config));
        if (config.Widths.Any(w => w < 1) || config.Strides.Any(s => s < 1) || !(config.WidthMultiplier > 0))
            throw new ArgumentException("Discriminator widths, strides and width multiplier must be positive.", nameof(config));
        if (labelChannels < 1) throw new ArgumentException($"The discriminator needs at least 1 label channel (got {labelChannels}).", nameof(labelChannels));
        strides = [.. config.Strides, 1];
        this.labelChannels = labelChannels;

        var layers = new List<(string, Module<Tensor, Tensor>)>();
        long previous = ImageChannels + labelChannels;
        for (int i = 0; i < config.Widths.Length; i++)
        {
            long width = Math.Max(1, (long)Math.Round(config.Widths[i] * config.WidthMultiplier, MidpointRounding.AwayFromZero));
            bool normalise = i > 0;
            // A conv feeding BN carries no bias: BN's shift makes it redundant.
            layers.Add(($"conv{i + 1}", Conv2d(previous, width, Kernel, stride: config.Strides[i], padding: Padding, bias: !normalise)));
            if (normalise) layers.Add(($"bn{i + 1}", new BatchNorm2dLayer(width)));
            layers.Add(($"relu{i + 1}", ReLU()));
            previous = width;
        }
        layers.Add(("logits", Conv2d(previous, 1, Kernel, stride: 1, padding: Padding)));
        body = Sequential(layers);
        MinimumInputSize = SmallestSideWithPatches(strides, 2);
        RegisterComponents();
    }

    /// <summary>
    /// Smallest image side D accepts: the one that still yields a 2×2 patch map (64 px for
    /// DESIGN.md's strides). Below it the output is a single logit whose receptive field covers
    /// the whole image, so D is no longer a patch discriminator.
    /// </summary>
    public int MinimumInputSize { get; }

    /// <summary>Patch logits N×1×h×w for images N×3×H×W and label maps N×K×H×W (H, W ≥ <see cref="MinimumInputSize"/>).</summary>
    /// <exception cref="ArgumentException">Wrong shapes, mismatched sizes, or a side below <see cref="MinimumInputSize"/>.</exception>
    public override Tensor forward(Tensor image, Tensor label)
    {
        CheckInputs(image, label);
        return body.call(cat([image, label.to_type(image.dtype)], 1));
    }

    private void CheckInputs(Tensor image, Tensor label)
    {
        if (image.dim() != 4 || image.shape[1] != ImageChannels)
            throw new ArgumentException($"The discriminator expects images N×3×H×W; got shape [{string.Join(", ", image.shape)}].", nameof(image));
        if (label.dim() != 4 || label.shape[1] != labelChannels)
            throw new ArgumentException($"The discriminator expects label maps N×{labelChannels}×H×W; got shape [{string.Join(", ", label.shape)}].", nameof(label));
        if (label.shape[0] != image.shape[0] || label.shape[2] != image.shape[2] || label.shape[3] != image.shape[3])
            throw new ArgumentException(
                $"Image [{string.Join(", ", image.shape)}] and label map [{string.Join(", ", label.shape)}] must have the same batch and size.", nameof(label));
        if (image.shape[2] < MinimumInputSize || image.shape[3] < MinimumInputSize)
            throw new ArgumentException(
                $"The patch discriminator needs inputs of at least {MinimumInputSize}×{MinimumInputSize} px " +
                $"(its {strides.Length} 4×4 convs must leave at least a 2×2 map of patches); got {image.shape[2]}×{image.shape[3]}. " +
                "Train at a larger size for the cGAN baseline.", nameof(image));
    }

    /// <summary>The <see cref="MinimumInputSize"/> a discriminator built from <paramref name="config"/> would have (for checking a config before building it).</summary>
    public static int MinimumInputSizeFor(DiscriminatorConfig config) => SmallestSideWithPatches([.. config.Strides, 1], 2);

    private static int SmallestSideWithPatches(int[] strides, long patches)
    {
        for (int side = 1; ; side++)
        {
            long n = side;
            foreach (int stride in strides)
                n = n + 2 * Padding < Kernel ? 0 : (n + 2 * Padding - Kernel) / stride + 1;
            if (n >= patches) return side;
        }
    }
}
