namespace Asm.Research.Configuration;

/// <summary>Data source, working size and augmentation.</summary>
public sealed record DataConfig
{
    /// <summary>
    /// A built-in dataset's name ("synthetic": the kit's horses; "scenes": its multi-class road scenes) or a folder
    /// (the Weizmann database, CamVid, or a labelmaps folder; see <see cref="Format"/>).
    /// </summary>
    public string Source { get; init; } = "synthetic";
    /// <summary>
    /// How the folder in <see cref="Source"/> is read: "auto" (the default: the one layout the folder matches) or a
    /// dataset name of <see cref="Data.Catalog.DatasetCatalog"/> (weizmann, camvid, labelmaps).
    /// </summary>
    public string Format { get; init; } = "auto";
    /// <summary>
    /// Working size: images are resized bilinearly, label maps by nearest neighbour (binary masks: bilinear, then
    /// thresholded) to Height×Width. One number is a square (128, the default), "HxW" a rectangle ("144x192").
    /// </summary>
    public ImageSize Size { get; init; } = 128;
    /// <summary>For datasets with named splits (CamVid): the split reported on, "val" (default) or "test".</summary>
    public string TestSplit { get; init; } = "val";
    /// <summary>Every image is a test image (for evaluating on a whole folder).</summary>
    public bool AllTest { get; init; }
    /// <summary>
    /// A fraction of the training split held out as the test split, in place of the dataset's own test split: the last
    /// ⌈Holdout × n⌉ training images in the split's order (split file or sorted names), so that a video's neighbouring
    /// frames stay on one side. For choosing a setting (e.g. the training length) without looking at the split that is
    /// reported. 0 (the default): off.
    /// </summary>
    public double Holdout { get; init; }
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
