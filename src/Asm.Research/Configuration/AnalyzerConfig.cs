namespace Asm.Research.Configuration;

/// <summary>The structure analyzer A, an auto-encoder over label maps.</summary>
public sealed record AnalyzerConfig
{
    /// <summary>Widths of the 5 strided encoder convs.</summary>
    public int[] Widths { get; init; } = [32, 64, 128, 128, 128];
    /// <summary>Padding of the strided encoder convs (the authors used 0).</summary>
    public int Padding { get; init; } = 1;
}
