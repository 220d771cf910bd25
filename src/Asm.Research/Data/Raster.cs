namespace Asm.Research.Data;

/// <summary>
/// Minimal shape filling on a Size×Size grid, sampling each pixel at its centre (no
/// anti-aliasing: a mask pixel is either in or out). Coordinates are in pixels, x right, y down.
/// </summary>
internal static class Raster
{
    /// <summary>Thinnest half-width drawn, so a one-pixel leg never breaks into dots.</summary>
    private const double MinRadius = 0.6;

    /// <summary>A rotated ellipse with semi-axes <paramref name="ra"/> (along <paramref name="angle"/>) and <paramref name="rb"/>.</summary>
    public static void Ellipse<TPlot>(int size, double cx, double cy, double ra, double rb, double angle, ref TPlot plot) where TPlot : struct, IPlot
    {
        ra = Math.Max(ra, MinRadius);
        rb = Math.Max(rb, MinRadius);
        double r = Math.Max(ra, rb), cos = Math.Cos(angle), sin = Math.Sin(angle);
        Bounds(size, cx - r, cx + r, cy - r, cy + r, out int x0, out int x1, out int y0, out int y1);
        double ia = 1 / (ra * ra), ib = 1 / (rb * rb);
        for (int y = y0; y <= y1; y++)
        {
            double dy = y + 0.5 - cy;
            for (int x = x0; x <= x1; x++)
            {
                double dx = x + 0.5 - cx;
                double u = dx * cos + dy * sin, v = -dx * sin + dy * cos;
                if (u * u * ia + v * v * ib <= 1) plot.Plot(y * size + x);
            }
        }
    }

    /// <summary>A segment from (x0,y0) to (x1,y1) thickened by a radius that tapers linearly from r0 to r1.</summary>
    public static void Capsule<TPlot>(int size, double ax, double ay, double bx, double by, double r0, double r1, ref TPlot plot) where TPlot : struct, IPlot
    {
        r0 = Math.Max(r0, MinRadius);
        r1 = Math.Max(r1, MinRadius);
        double r = Math.Max(r0, r1);
        Bounds(size, Math.Min(ax, bx) - r, Math.Max(ax, bx) + r, Math.Min(ay, by) - r, Math.Max(ay, by) + r, out int x0, out int x1, out int y0, out int y1);
        double ex = bx - ax, ey = by - ay, len2 = Math.Max(ex * ex + ey * ey, 1e-12);
        for (int y = y0; y <= y1; y++)
        {
            double py = y + 0.5 - ay;
            for (int x = x0; x <= x1; x++)
            {
                double px = x + 0.5 - ax;
                double t = Math.Clamp((px * ex + py * ey) / len2, 0, 1);
                double qx = px - t * ex, qy = py - t * ey, rr = r0 + (r1 - r0) * t;
                if (qx * qx + qy * qy <= rr * rr) plot.Plot(y * size + x);
            }
        }
    }

    private static void Bounds(int size, double xmin, double xmax, double ymin, double ymax, out int x0, out int x1, out int y0, out int y1)
    {
        x0 = Math.Max(0, (int)Math.Floor(xmin));
        x1 = Math.Min(size - 1, (int)Math.Ceiling(xmax));
        y0 = Math.Max(0, (int)Math.Floor(ymin));
        y1 = Math.Min(size - 1, (int)Math.Ceiling(ymax));
    }
}
