namespace Asm.Research.Visuals;

/// <summary>
/// A 256-entry colour lookup table for heatmaps, built by linear interpolation between a few
/// anchor colours of the named matplotlib maps (close to, not identical with, matplotlib's).
/// </summary>
public sealed class Colormap
{
    private readonly byte[] _table; // 256 × RGB

    private Colormap(string name, params (double At, byte R, byte G, byte B)[] anchors)
    {
        Name = name;
        _table = new byte[256 * 3];
        for (int i = 0; i < 256; i++)
        {
            double t = i / 255.0;
            int k = 0;
            while (k < anchors.Length - 2 && t > anchors[k + 1].At) k++;
            var (a, b) = (anchors[k], anchors[k + 1]);
            double f = Math.Clamp((t - a.At) / (b.At - a.At), 0, 1);
            _table[i * 3] = (byte)Math.Round(a.R + f * (b.R - a.R));
            _table[i * 3 + 1] = (byte)Math.Round(a.G + f * (b.G - a.G));
            _table[i * 3 + 2] = (byte)Math.Round(a.B + f * (b.B - a.B));
        }
    }

    /// <summary>The map's name.</summary>
    public string Name { get; }

    /// <summary>Perceptually uniform blue–green–yellow (matplotlib's default).</summary>
    public static Colormap Viridis { get; } = new("viridis",
        (0.0, 68, 1, 84), (0.25, 59, 82, 139), (0.5, 33, 145, 140), (0.75, 94, 201, 98), (1.0, 253, 231, 37));

    /// <summary>Perceptually uniform black–purple–orange–cream.</summary>
    public static Colormap Magma { get; } = new("magma",
        (0.0, 0, 0, 4), (0.25, 81, 18, 124), (0.5, 183, 55, 121), (0.75, 252, 137, 97), (1.0, 252, 253, 191));

    /// <summary>Black to white.</summary>
    public static Colormap Grey { get; } = new("grey", (0.0, 0, 0, 0), (1.0, 255, 255, 255));

    /// <summary>Writes the colour of <paramref name="value"/> (clamped to [0,1]; NaN is black) at <paramref name="offset"/>.</summary>
    public void Write(float value, Span<byte> rgb, int offset)
    {
        int i = float.IsNaN(value) ? 0 : (int)MathF.Round(Math.Clamp(value, 0f, 1f) * 255f);
        rgb[offset] = _table[i * 3];
        rgb[offset + 1] = _table[i * 3 + 1];
        rgb[offset + 2] = _table[i * 3 + 2];
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
