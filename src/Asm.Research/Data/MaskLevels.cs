namespace Asm.Research.Data;

/// <summary>
/// The two grey levels a data set's masks use, as <see cref="MaskInterpretation.Decide"/> found
/// them: the brighter one is foreground, and a pixel is foreground when it is nearer to it
/// (above the midpoint), which absorbs JPEG noise around either level.
/// </summary>
/// <param name="Background">The darker level (0 in 0/1 and 0/255 masks).</param>
/// <param name="Foreground">The brighter level (1 or 255, or any other value or colour's luminance).</param>
public sealed record MaskLevels(byte Background, byte Foreground)
{
    /// <summary>Smallest grey value read as foreground: just above the midpoint (128 for 0/255, 1 for 0/1).</summary>
    public byte Threshold => (byte)((Background + Foreground) / 2 + 1);

    /// <summary>The loader's one line about it, e.g. "masks: 0/255 grey, thresholded at 128".</summary>
    public override string ToString() =>
        $"masks: {Background}/{Foreground} grey, thresholded at {Threshold} (grey ≥ {Threshold} is foreground)";
}
