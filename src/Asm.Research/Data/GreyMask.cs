namespace Asm.Research.Data;

/// <summary>A mask file's grey values (luminance for colour files) at its own resolution, before it is binarised.</summary>
/// <param name="Path">The file, for messages.</param>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
/// <param name="Values">Width×Height grey values, row-major.</param>
internal sealed record GreyMask(string Path, int Width, int Height, byte[] Values)
{
    /// <summary>How many pixels have each grey value.</summary>
    public long[] Histogram()
    {
        var counts = new long[256];
        foreach (byte v in Values) counts[v]++;
        return counts;
    }
}
