using Asm.Research.Configuration;
using Asm.Research.Data.Tasks;

namespace Asm.Research.Data;

/// <summary>
/// The kit's own multi-class road scenes (DESIGN.md, "Synthetic scenes"): six classes in fixed spatial relations —
/// <b>sky</b> above the buildings' roofline, <b>building</b> blocks (flat or pitched roofs, windows) standing on the
/// <b>pavement</b>, a strip between the buildings and the <b>road</b>, which fills the bottom; thin <b>pole</b>s stand
/// on the pavement in front of the buildings and the sky; <b>car</b>s stand on the road, sometimes reaching up in
/// front of the pavement and the buildings. Road and pavement draw their colours and textures from the same
/// distribution, so only position and context tell them apart; grey cars on grey roads and overcast skies over
/// concrete make more confusions; thin poles and boundaries are what is hard. Textured with value noise, lit with a
/// random colour cast and brightness, with sensor noise. Any working size, rectangles included (shapes scale with
/// height and width).
/// <para>No void: every pixel is one of the six classes (the task has no void index).</para>
/// <para>Deterministic: sample i of a split draws from its own <see cref="Random"/> derived from
/// (<see cref="DataConfig.SyntheticSeed"/>, split, i), with streams other than the synthetic horses', so train and
/// test never overlap and a sample does not change when the other split's size does.</para>
/// </summary>
public static class SyntheticScenes
{
    // Streams distinct from SyntheticHorses' 0 and 1.
    private const int TrainStream = 10, TestStream = 11;

    /// <summary>Class indices.</summary>
    public const byte Sky = 0, Building = 1, Road = 2, Pavement = 3, Pole = 4, Car = 5;

    /// <summary>The task: six classes (CamVid's colours for the shared ones), no void.</summary>
    public static SegmentationTask Task { get; } = SegmentationTask.MultiClass("scenes",
    [
        new("sky", "#808080"),
        new("building", "#800000"),
        new("road", "#804080"),
        new("pavement", "#3C28DE"),
        new("pole", "#C0C080"),
        new("car", "#400080"),
    ], null,
    // Road and pavement share colour statistics (only context tells them apart); poles stand against buildings.
    [("road", "pavement"), ("pole", "building"), ("car", "road")]);

    private static readonly float[][] Skies =
    [
        [0.55f, 0.70f, 0.90f], // clear
        [0.78f, 0.80f, 0.83f], // overcast
        [0.86f, 0.85f, 0.80f], // haze
        [0.75f, 0.62f, 0.58f], // dusk
        [0.62f, 0.64f, 0.66f], // grey
    ];

    private static readonly float[][] Facades =
    [
        [0.55f, 0.30f, 0.22f], // brick
        [0.62f, 0.62f, 0.60f], // concrete
        [0.76f, 0.68f, 0.55f], // sandstone
        [0.32f, 0.32f, 0.34f], // dark
        [0.86f, 0.86f, 0.83f], // white
        [0.42f, 0.52f, 0.62f], // glass
        [0.66f, 0.50f, 0.38f], // ochre
    ];

    // Road and pavement both draw from this list: same colour statistics.
    private static readonly float[][] Surfaces =
    [
        [0.30f, 0.30f, 0.32f],
        [0.40f, 0.40f, 0.41f],
        [0.50f, 0.49f, 0.47f],
        [0.58f, 0.56f, 0.53f],
        [0.46f, 0.42f, 0.38f],
    ];

    private static readonly float[][] Paints =
    [
        [0.70f, 0.08f, 0.08f], [0.10f, 0.20f, 0.55f], [0.85f, 0.85f, 0.85f], [0.12f, 0.12f, 0.13f],
        [0.45f, 0.45f, 0.47f], [0.80f, 0.65f, 0.10f], [0.15f, 0.40f, 0.20f], [0.55f, 0.55f, 0.58f],
    ];

    /// <summary>Generates <see cref="DataConfig.SyntheticTrain"/> + <see cref="DataConfig.SyntheticTest"/> scenes at <see cref="DataConfig.Size"/>.</summary>
    public static SegmentationDataset Generate(DataConfig config, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Size.MinSide < 8) throw new ArgumentOutOfRangeException(nameof(config), $"DataConfig.Size must be at least 8 for the synthetic scenes, got {config.Size.Display}.");
        if (config.SyntheticTrain < 0 || config.SyntheticTest < 0)
            throw new ArgumentOutOfRangeException(nameof(config), "DataConfig.SyntheticTrain and SyntheticTest must not be negative.");

        var train = MakeSplit(config, TrainStream, config.SyntheticTrain, "train", ct);
        var test = MakeSplit(config, TestStream, config.SyntheticTest, "test", ct);
        if (config.AllTest)
        {
            test = [.. train, .. test];
            train = [];
        }
        string description = $"Synthetic scenes (seed {config.SyntheticSeed}, 6 classes): {train.Length} train / {test.Length} test, {config.Size.Display}";
        return new SegmentationDataset(description, train, test, Task);
    }

    private static SegmentationSample[] MakeSplit(DataConfig config, int stream, int count, string split, CancellationToken ct)
    {
        var samples = new SegmentationSample[count];
        int height = config.Size.Height, width = config.Size.Width;
        Parallel.For(0, count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var (image, labels) = Render(height, width, new Random(Seeds.Derive(config.SyntheticSeed, stream, i)));
            var mask = new float[labels.Length];
            for (int k = 0; k < labels.Length; k++) mask[k] = labels[k];
            samples[i] = new SegmentationSample($"scenes-{split}-{i:D4}", image, mask, height, width, new LabelMask(width, height, labels));
        });
        return samples;
    }

    /// <summary>Renders one scene: Image is 3×H×W RGB in [0,1] (CHW), Labels H×W class indices.</summary>
    public static (float[] Image, byte[] Labels) Render(int height, int width, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var r = random;
        double U(double lo, double hi) => lo + (hi - lo) * r.NextDouble();
        var canvas = new Canvas(height, width);
        double scale = Math.Sqrt((double)height * width) / 128;   // thin things keep their pixel width across sizes

        // Geometry: pavement top (the buildings' base) and the kerb (road top), both gently slanted.
        double ground = height * U(0.5, 0.66), slope = U(-0.08, 0.08) * height / width;
        double strip = height * U(0.06, 0.14), widen = U(-0.3, 0.3);
        double[] pavementTop = new double[width], kerb = new double[width];
        for (int x = 0; x < width; x++)
        {
            double t = (x + 0.5) / width;
            pavementTop[x] = ground + slope * (x + 0.5 - width / 2.0);
            kerb[x] = pavementTop[x] + strip * (1 + widen * (2 * t - 1));
        }

        // Sky: a vertical gradient, brighter towards the horizon, faint clouds.
        var sky = ColourJitter.Around(Skies[r.Next(Skies.Length)], r, 0.06f);
        var clouds = ValueNoise(height, width, 2 + r.Next(4), r);
        float cloudiness = (float)U(0.0, 0.25);
        for (int y = 0; y < height; y++)
        {
            float lift = 0.12f * y / height;
            for (int x = 0; x < width; x++)
            {
                int i = y * width + x;
                float f = 0.92f + lift + cloudiness * (clouds[i] - 0.5f);
                canvas.Paint(i, Sky, sky[0] * f, sky[1] * f, sky[2] * f);
            }
        }

        // Buildings: blocks across the width, each with its own facade, roofline and windows.
        var facadeNoise = ValueNoise(height, width, 6 + r.Next(10), r);
        int x0 = -(int)(U(0, 0.2) * width);
        while (x0 < width)
        {
            int blockWidth = Math.Max(4, (int)(width * U(0.18, 0.45)));
            int x1 = Math.Min(width, x0 + blockWidth);
            if (r.NextDouble() < 0.12) { x0 = x1; continue; }   // a gap: sky down to the pavement
            var facade = ColourJitter.Around(Facades[r.Next(Facades.Length)], r, 0.07f);
            double roof = height * U(0.1, 0.42);
            double pitch = r.NextDouble() < 0.3 ? height * U(0.04, 0.12) : 0;
            float contrast = (float)U(0.1, 0.35);
            bool windows = r.NextDouble() < 0.75;
            double windowW = Math.Max(1.5, width * U(0.02, 0.05)), windowH = Math.Max(1.5, height * U(0.03, 0.07));
            double pitchX = windowW * U(1.6, 2.6), pitchY = windowH * U(1.5, 2.3);
            var glass = ColourJitter.Around(r.NextDouble() < 0.5 ? [0.15f, 0.18f, 0.22f] : [0.55f, 0.65f, 0.75f], r, 0.08f);
            for (int x = Math.Max(0, x0); x < x1; x++)
            {
                double centre = (x0 + x1) / 2.0, half = Math.Max(1, (x1 - x0) / 2.0);
                double top = roof + pitch * Math.Abs(x + 0.5 - centre) / half;
                for (int y = Math.Max(0, (int)Math.Ceiling(top - 0.5)); y < height && y + 0.5 < pavementTop[x]; y++)
                {
                    int i = y * width + x;
                    float f = 1 - contrast / 2 + contrast * facadeNoise[i];
                    double wx = (x - x0) % pitchX, wy = (y - roof - pitch) % pitchY;
                    bool inWindow = windows && y > roof + pitch + windowH * 0.5 && y + windowH < pavementTop[x] && wx > (pitchX - windowW) / 2 && wx < (pitchX + windowW) / 2 && wy > 0 && wy < windowH;
                    var c = inWindow ? glass : facade;
                    canvas.Paint(i, Building, c[0] * f, c[1] * f, c[2] * f);
                }
            }
            x0 = x1;
        }

        // Pavement and road: same colour distribution, same texture statistics.
        var pavement = ColourJitter.Around(Surfaces[r.Next(Surfaces.Length)], r, 0.05f);
        var road = ColourJitter.Around(Surfaces[r.Next(Surfaces.Length)], r, 0.05f);
        var pavementNoise = ValueNoise(height, width, 8 + r.Next(16), r);
        var roadNoise = ValueNoise(height, width, 8 + r.Next(16), r);
        float pavementContrast = (float)U(0.1, 0.35), roadContrast = (float)U(0.1, 0.35);
        bool slabs = r.NextDouble() < 0.4, dashes = r.NextDouble() < 0.6;
        double slabPitch = Math.Max(3, width * U(0.05, 0.12));
        double laneY = U(0.35, 0.7), dashLength = width * U(0.06, 0.14), dashPitch = dashLength * U(1.8, 3), dashPhase = U(0, dashPitch);
        float[] dashColour = r.NextDouble() < 0.7 ? [0.88f, 0.88f, 0.86f] : [0.85f, 0.72f, 0.2f];
        for (int x = 0; x < width; x++)
        {
            for (int y = Math.Max(0, (int)Math.Ceiling(pavementTop[x] - 0.5)); y < height; y++)
            {
                int i = y * width + x;
                if (y + 0.5 < kerb[x])
                {
                    float f = 1 - pavementContrast / 2 + pavementContrast * pavementNoise[i];
                    if (slabs && (x + 0.5) % slabPitch < 0.8 * scale) f *= 0.85f;
                    canvas.Paint(i, Pavement, pavement[0] * f, pavement[1] * f, pavement[2] * f);
                }
                else
                {
                    float f = 1 - roadContrast / 2 + roadContrast * roadNoise[i];
                    double lane = kerb[x] + laneY * (height - kerb[x]);
                    bool dash = dashes && Math.Abs(y + 0.5 - lane) < 0.9 * scale && (x + dashPhase) % dashPitch < dashLength;
                    var c = dash ? dashColour : road;
                    canvas.Paint(i, Road, c[0] * f, c[1] * f, c[2] * f);
                }
            }
        }

        // Poles stand on the pavement, in front of the buildings and the sky.
        int poles = 1 + r.Next(4);
        for (int p = 0; p < poles; p++)
        {
            int px = r.Next(width);
            double baseY = U(pavementTop[px], kerb[px]);
            double topY = height * U(0.05, 0.4);
            double radius = U(0.45, 1.3) * scale;
            var colour = ColourJitter.Around(r.NextDouble() < 0.5 ? [0.25f, 0.25f, 0.27f] : [0.6f, 0.6f, 0.58f], r, 0.1f);
            double lean = U(-0.02, 0.02) * height;
            canvas.Capsule(px + 0.5, baseY, px + 0.5 + lean, topY, radius, radius * U(0.6, 1.0), Pole, colour);
            if (r.NextDouble() < 0.4)   // a lamp arm or a sign
            {
                double side = r.NextDouble() < 0.5 ? -1 : 1, arm = width * U(0.03, 0.08);
                canvas.Capsule(px + 0.5 + lean, topY, px + 0.5 + lean + side * arm, topY + U(-1, 2) * scale, radius * 0.8, radius * 0.6, Pole, colour);
            }
        }

        // Cars stand on the road; one near the kerb reaches up in front of the pavement and the buildings.
        int cars = r.NextDouble() < 0.2 ? 0 : 1 + r.Next(2);
        for (int k = 0; k < cars; k++)
        {
            double carW = width * U(0.15, 0.32), carH = carW * U(0.42, 0.6);
            int cx = r.Next(width);
            double bottom = r.NextDouble() < 0.3
                ? kerb[cx] + U(0.05, 0.3) * carH                                   // parked at the kerb, in front of pavement and building
                : U(Math.Min(height - 1, kerb[cx] + 0.3 * carH), height + 0.1 * carH);
            var paint = ColourJitter.Around(Paints[r.Next(Paints.Length)], r, 0.06f);
            double left = cx - carW / 2, right = cx + carW / 2;
            double bodyTop = bottom - carH * 0.62, roofTop = bottom - carH;
            float[] glassColour = [0.18f, 0.22f, 0.28f];
            for (int y = Math.Max(0, (int)Math.Floor(roofTop)); y < Math.Min(height, (int)Math.Ceiling(bottom)); y++)
            {
                double yc = y + 0.5;
                for (int x = Math.Max(0, (int)Math.Floor(left)); x < Math.Min(width, (int)Math.Ceiling(right)); x++)
                {
                    double xc = x + 0.5;
                    bool body = yc >= bodyTop && yc <= bottom - carH * 0.12 && xc >= left && xc <= right;
                    double inset = carW * 0.18 + (bodyTop - yc) * 0.6;
                    bool cabin = yc >= roofTop && yc < bodyTop && xc >= left + inset && xc <= right - inset;
                    if (!body && !cabin) continue;
                    float shade = (float)(1.05 - 0.25 * (yc - roofTop) / carH);
                    var c = cabin && yc > roofTop + carH * 0.08 ? glassColour : paint;
                    canvas.Paint(y * width + x, Car, c[0] * shade, c[1] * shade, c[2] * shade);
                }
            }
            double wheelR = carH * 0.17;
            foreach (double wx in new[] { left + carW * 0.22, right - carW * 0.22 })
                canvas.Ellipse(wx, bottom - wheelR, wheelR, wheelR, Car, [0.06f, 0.06f, 0.07f]);
        }

        // Light: a colour cast and brightness, then sensor noise (triangular, as the horses have).
        float brightness = (float)U(0.8, 1.15);
        float[] cast = [(float)U(0.95, 1.05), (float)U(0.95, 1.05), (float)U(0.95, 1.05)];
        float noise = (0.01f + 0.03f * r.NextSingle()) / uint.MaxValue;
        uint state = (uint)r.Next() | 1u;
        int n = height * width;
        var image = canvas.Rgb;
        for (int c = 0; c < 3; c++)
        {
            float gain = brightness * cast[c];
            for (int i = 0; i < n; i++)
            {
                int k = c * n + i;
                state ^= state << 13; state ^= state >> 17; state ^= state << 5;
                uint a = state;
                state ^= state << 13; state ^= state >> 17; state ^= state << 5;
                image[k] = Math.Clamp(image[k] * gain + noise * ((float)a + state - uint.MaxValue), 0f, 1f);
            }
        }
        return (image, canvas.Labels);
    }

    /// <summary>Labels and colours of one scene; shapes are sampled at pixel centres (no anti-aliasing).</summary>
    private sealed class Canvas(int height, int width)
    {
        private const double MinRadius = 0.6;   // a one-pixel pole never breaks into dots
        private readonly int _n = height * width;

        public byte[] Labels { get; } = new byte[height * width];
        public float[] Rgb { get; } = new float[3 * height * width];

        public void Paint(int i, byte label, float r, float g, float b)
        {
            Labels[i] = label;
            Rgb[i] = r;
            Rgb[_n + i] = g;
            Rgb[2 * _n + i] = b;
        }

        /// <summary>A segment thickened by a radius tapering from r0 to r1.</summary>
        public void Capsule(double ax, double ay, double bx, double by, double r0, double r1, byte label, float[] colour)
        {
            r0 = Math.Max(r0, MinRadius);
            r1 = Math.Max(r1, MinRadius);
            double rr0 = Math.Max(r0, r1);
            int xa = Math.Max(0, (int)Math.Floor(Math.Min(ax, bx) - rr0)), xb = Math.Min(width - 1, (int)Math.Ceiling(Math.Max(ax, bx) + rr0));
            int ya = Math.Max(0, (int)Math.Floor(Math.Min(ay, by) - rr0)), yb = Math.Min(height - 1, (int)Math.Ceiling(Math.Max(ay, by) + rr0));
            double ex = bx - ax, ey = by - ay, len2 = Math.Max(ex * ex + ey * ey, 1e-12);
            for (int y = ya; y <= yb; y++)
            {
                double py = y + 0.5 - ay;
                for (int x = xa; x <= xb; x++)
                {
                    double px = x + 0.5 - ax;
                    double t = Math.Clamp((px * ex + py * ey) / len2, 0, 1);
                    double qx = px - t * ex, qy = py - t * ey, rr = r0 + (r1 - r0) * t;
                    if (qx * qx + qy * qy <= rr * rr)
                    {
                        float f = 0.9f + 0.2f * (float)t;
                        Paint(y * width + x, label, colour[0] * f, colour[1] * f, colour[2] * f);
                    }
                }
            }
        }

        /// <summary>An axis-aligned ellipse.</summary>
        public void Ellipse(double cx, double cy, double ra, double rb, byte label, float[] colour)
        {
            ra = Math.Max(ra, MinRadius);
            rb = Math.Max(rb, MinRadius);
            int xa = Math.Max(0, (int)Math.Floor(cx - ra)), xb = Math.Min(width - 1, (int)Math.Ceiling(cx + ra));
            int ya = Math.Max(0, (int)Math.Floor(cy - rb)), yb = Math.Min(height - 1, (int)Math.Ceiling(cy + rb));
            for (int y = ya; y <= yb; y++)
            {
                double dy = (y + 0.5 - cy) / rb;
                for (int x = xa; x <= xb; x++)
                {
                    double dx = (x + 0.5 - cx) / ra;
                    if (dx * dx + dy * dy <= 1) Paint(y * width + x, label, colour[0], colour[1], colour[2]);
                }
            }
        }
    }

    /// <summary>Smooth noise in [0,1]: random values on a grid of about <paramref name="cells"/> cells along the shorter side, bilinearly interpolated.</summary>
    private static float[] ValueNoise(int height, int width, int cells, Random r)
    {
        double cellSize = (double)Math.Min(height, width) / cells;
        int cx = Math.Max(1, (int)Math.Ceiling(width / cellSize)), cy = Math.Max(1, (int)Math.Ceiling(height / cellSize));
        var grid = new float[(cx + 1) * (cy + 1)];
        for (int i = 0; i < grid.Length; i++) grid[i] = r.NextSingle();
        var field = new float[height * width];
        for (int y = 0; y < height; y++)
        {
            float gy = (float)((y + 0.5) / cellSize);
            int y0 = Math.Min((int)gy, cy - 1);
            float ty = gy - y0;
            for (int x = 0; x < width; x++)
            {
                float gx = (float)((x + 0.5) / cellSize);
                int x0 = Math.Min((int)gx, cx - 1);
                float tx = gx - x0;
                int g = y0 * (cx + 1) + x0;
                float upper = grid[g] + (grid[g + 1] - grid[g]) * tx;
                float lower = grid[g + cx + 1] + (grid[g + cx + 2] - grid[g + cx + 1]) * tx;
                field[y * width + x] = upper + (lower - upper) * ty;
            }
        }
        return field;
    }
}
