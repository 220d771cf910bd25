namespace Asm.Research.Data;

/// <summary>The synthetic generators' colour variation: each channel moved uniformly by up to ± an amount, clamped to [0, 1].</summary>
internal static class ColourJitter
{
    /// <summary>A colour near <paramref name="colour"/>: one draw of <paramref name="r"/> per channel, in channel order.</summary>
    public static float[] Around(float[] colour, Random r, float amount) =>
        [.. colour.Select(v => Math.Clamp(v + amount * (2 * r.NextSingle() - 1), 0f, 1f))];
}
