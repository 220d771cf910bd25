namespace Asm.Research.Configuration;

/// <summary>Data source, working size and augmentation.</summary>
public sealed record DataConfig
{
    /// <summary>"synthetic" (the built-in horses) or a folder holding the Weizmann database in either layout.</summary>
    public string Source { get; init; } = "synthetic";
    /// <summary>Images and masks are resized to Size×Size.</summary>
    public int Size { get; init; } = 128;
    /// <summary>Every image is a test image (for evaluating on a whole folder).</summary>
    public bool AllTest { get; init; }
    /// <summary>Images for training in sorted-name order; the rest are test images (DESIGN.md: 200).</summary>
    public int TrainCount { get; init; } = 200;
    /// <summary>Synthetic training images generated.</summary>
    public int SyntheticTrain { get; init; } = 200;
    /// <summary>Synthetic test images generated.</summary>
    public int SyntheticTest { get; init; } = 80;
    /// <summary>Seed of the synthetic generator (independent of the training seed, so all runs see the same horses).</summary>
    public int SyntheticSeed { get; init; } = 1234;
    /// <summary>Random horizontal flip.</summary>
    public bool Flip { get; init; } = true;
    /// <summary>Random scale-crop: a crop of side in [ScaleCropMin, 1] of the image, resized back.</summary>
    public bool ScaleCrop { get; init; } = true;
    /// <summary>Smallest crop side, as a fraction of the image side.</summary>
    public double ScaleCropMin { get; init; } = 0.75;
    /// <summary>Random brightness, contrast and saturation.</summary>
    public bool ColorJitter { get; init; } = true;
    /// <summary>Largest relative change of brightness, contrast and saturation.</summary>
    public double JitterStrength { get; init; } = 0.2;
    /// <summary>Images whose header claims more pixels than this are refused before decoding.</summary>
    public long MaxImagePixels { get; init; } = 40_000_000;
    /// <summary>Batches prepared ahead by the background worker.</summary>
    public int Prefetch { get; init; } = 2;
}
