using Asm.Research.Configuration;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Asm.Research.Models;

/// <summary>
/// The structured predictor S: a U-Net mapping N×3×H×W images to N×K×H×W logits (K = 1 foreground
/// logit for a binary task, K = C class logits for a multi-class one).
/// Each level is [conv3×3-BN-ReLU]×2 with a 2×2 max-pool between levels; level i has width
/// w·2^i and the bottleneck w·2^Depth (16w for the default depth 4). The decoder mirrors it:
/// up-sample (2×2 transposed conv, or bilinear ×2 + conv3×3 when
/// <see cref="UNetConfig.BilinearUp"/>), concat the skip, [conv3×3-BN-ReLU]×2; a final 1×1 conv
/// gives the logits.
/// </summary>
public sealed class UNet : Module<Tensor, Tensor>
{
    private readonly ModuleList<Module<Tensor, Tensor>> down = new();
    private readonly Module<Tensor, Tensor> bottleneck;
    // up[i] and decode[i] bring the features back to level i (index 0 = full resolution).
    private readonly ModuleList<Module<Tensor, Tensor>> up = new();
    private readonly ModuleList<Module<Tensor, Tensor>> decode = new();
    private readonly Conv2d head;
    private readonly int depth;
    private readonly int inChannels;

    /// <summary>Builds the network described by <paramref name="config"/> with <paramref name="outChannels"/> logit channels.</summary>
    /// <exception cref="ArgumentException">Width, depth, input or output channels below 1.</exception>
    public UNet(UNetConfig config, int outChannels = 1, string name = "unet") : base(name)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Width < 1) throw new ArgumentException($"UNet width must be at least 1 (got {config.Width}).", nameof(config));
        if (config.Depth < 1) throw new ArgumentException($"UNet depth must be at least 1 (got {config.Depth}).", nameof(config));
        if (config.InChannels < 1) throw new ArgumentException($"UNet input channels must be at least 1 (got {config.InChannels}).", nameof(config));
        if (outChannels < 1) throw new ArgumentException($"UNet output channels must be at least 1 (got {outChannels}).", nameof(outChannels));
        depth = config.Depth;
        inChannels = config.InChannels;
        OutChannels = outChannels;

        long Width(int level) => (long)config.Width << level;

        long previous = config.InChannels;
        for (int i = 0; i < depth; i++)
        {
            down.Add(DoubleConv(previous, Width(i)));
            previous = Width(i);
        }
        bottleneck = DoubleConv(previous, Width(depth));
        for (int i = 0; i < depth; i++)
        {
            up.Add(config.BilinearUp
                ? Sequential(
                    ("upsample", Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Bilinear, align_corners: false)),
                    ("conv", Conv2d(Width(i + 1), Width(i), 3, padding: 1)))
                : ConvTranspose2d(Width(i + 1), Width(i), 2, stride: 2));
            // Input: the skip (Width(i)) concatenated with the up-sampled features (Width(i)).
            decode.Add(DoubleConv(2 * Width(i), Width(i)));
        }
        head = Conv2d(Width(0), outChannels, 1);
        RegisterComponents();
    }

    /// <summary>Logit channels: 1 (binary) or C (classes).</summary>
    public int OutChannels { get; }

    /// <summary>Logits, N×<see cref="OutChannels"/>×H×W, for images N×3×H×W.</summary>
    /// <exception cref="ArgumentException">Wrong rank or channel count, or H, W not divisible by 2^Depth.</exception>
    public override Tensor forward(Tensor images)
    {
        CheckInput(images);
        var skips = new Tensor[depth];
        var h = images;
        for (int i = 0; i < depth; i++)
        {
            skips[i] = down[i].call(h);
            h = functional.max_pool2d(skips[i], 2);
        }
        h = bottleneck.call(h);
        for (int i = depth - 1; i >= 0; i--)
            h = decode[i].call(cat([skips[i], up[i].call(h)], 1));
        return head.call(h);
    }

    private void CheckInput(Tensor images)
    {
        if (images.dim() != 4)
            throw new ArgumentException($"UNet expects an N×C×H×W batch; got shape [{string.Join(", ", images.shape)}].", nameof(images));
        if (images.shape[1] != inChannels)
            throw new ArgumentException($"UNet was built for {inChannels} input channels; got {images.shape[1]}.", nameof(images));
        long multiple = 1L << depth;
        long height = images.shape[2], width = images.shape[3];
        if (height % multiple != 0 || width % multiple != 0)
            throw new ArgumentException(
                $"UNet of depth {depth} needs H and W divisible by 2^{depth} = {multiple} (every level halves them); " +
                $"got {height}×{width}. Resize or pad the input, e.g. to {RoundUp(height, multiple)}×{RoundUp(width, multiple)}.",
                nameof(images));
    }

    private static long RoundUp(long value, long multiple) => Math.Max(multiple, (value + multiple - 1) / multiple * multiple);

    // Convs feeding batch norm carry no bias: BN's shift makes it redundant.
    private static Sequential DoubleConv(long input, long output) => Sequential(
        ("conv1", Conv2d(input, output, 3, padding: 1, bias: false)),
        ("bn1", new BatchNorm2dLayer(output)),
        ("relu1", ReLU()),
        ("conv2", Conv2d(output, output, 3, padding: 1, bias: false)),
        ("bn2", new BatchNorm2dLayer(output)),
        ("relu2", ReLU()));
}
