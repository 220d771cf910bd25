namespace Asm.Research.Configuration;

/// <summary>The U-Net predictor S.</summary>
public sealed record UNetConfig
{
    /// <summary>Width w of the first level; levels have w, 2w, 4w, 8w and the bottleneck 16w.</summary>
    public int Width { get; init; } = 16;
    /// <summary>Down levels (max-pools).</summary>
    public int Depth { get; init; } = 4;
    /// <summary>Input channels (RGB).</summary>
    public int InChannels { get; init; } = 3;
    /// <summary>Bilinear upsampling + conv instead of 2×2 transposed convs.</summary>
    public bool BilinearUp { get; init; }
}
