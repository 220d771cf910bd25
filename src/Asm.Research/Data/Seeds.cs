namespace Asm.Research.Data;

/// <summary>Derives independent, stable seeds from a few integers (so that sample i or epoch e has its own stream).</summary>
internal static class Seeds
{
    /// <summary>A 32-bit seed mixing all parts (SplitMix64 finaliser): nearby inputs give unrelated seeds.</summary>
    public static int Derive(params int[] parts)
    {
        ulong z = 0x9E3779B97F4A7C15UL;
        foreach (int part in parts)
        {
            z += (uint)part + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
        }
        return (int)(z ^ (z >> 32));
    }
}
