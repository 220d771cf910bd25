namespace Asm.Research.Configuration;

/// <summary>The cGAN baseline's patch discriminator.</summary>
public sealed record DiscriminatorConfig
{
    /// <summary>Widths of its 4×4 convs before the final 1-channel conv.</summary>
    public int[] Widths { get; init; } = [64, 128, 256, 512, 512];
    /// <summary>Strides of those convs.</summary>
    public int[] Strides { get; init; } = [2, 2, 2, 2, 1];
    /// <summary>Multiplies every width (shrinks D on CPU).</summary>
    public double WidthMultiplier { get; init; } = 1.0;
}
