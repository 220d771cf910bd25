namespace Asm.Research.Data;

/// <summary>
/// The random choices for one sample, explicit so that an augmentation can be reproduced,
/// inspected or set by hand (tests, figures).
/// </summary>
/// <param name="Flip">Mirror left-right.</param>
/// <param name="CropScale">Side of the crop as a fraction of the image side, in (0, 1]; 1 = no crop.</param>
/// <param name="CropX">Horizontal offset of the crop's centre in normalised coordinates (image spans −1…1); |CropX| ≤ 1 − CropScale keeps the crop inside.</param>
/// <param name="CropY">Vertical offset of the crop's centre, like <paramref name="CropX"/>.</param>
/// <param name="Brightness">Multiplies the image; 1 = unchanged.</param>
/// <param name="Contrast">Scales the distance from the image's mean grey; 1 = unchanged.</param>
/// <param name="Saturation">Scales each pixel's distance from its own grey; 1 = unchanged, 0 = grey.</param>
public sealed record SampleAugmentation(bool Flip, double CropScale, double CropX, double CropY, double Brightness, double Contrast, double Saturation)
{
    /// <summary>Leaves the sample as it is.</summary>
    public static SampleAugmentation Identity { get; } = new(false, 1, 0, 0, 1, 1, 1);

    /// <summary>True when the crop changes the geometry.</summary>
    public bool Crops => CropScale != 1 || CropX != 0 || CropY != 0;

    /// <summary>True when a colour factor differs from 1.</summary>
    public bool Jitters => Brightness != 1 || Contrast != 1 || Saturation != 1;
}
