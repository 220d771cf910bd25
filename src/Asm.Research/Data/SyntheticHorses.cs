using Asm.Research.Configuration;

namespace Asm.Research.Data;

/// <summary>
/// The kit's own procedural dataset (DESIGN.md, "Data"): quadruped silhouettes — elliptical
/// body, neck, head with ears, four thin legs with a knee each, tail — in random pose,
/// scale, position and mirror, with a textured coat, over cluttered backgrounds (blobs,
/// stripes, noise) whose colours sometimes match the animal. Thin legs and boundaries
/// against same-coloured clutter are the hard part, as with real horses.
/// Deterministic: sample i of a split draws from its own <see cref="Random"/> derived from
/// (<see cref="DataConfig.SyntheticSeed"/>, split, i), so train and test never overlap and a
/// sample does not change when the other split's size does.
/// </summary>
public static class SyntheticHorses
{
    private const int TrainStream = 0, TestStream = 1;

    private static readonly float[][] Coats =
    [
        [0.45f, 0.28f, 0.15f], // bay
        [0.62f, 0.33f, 0.16f], // chestnut
        [0.13f, 0.11f, 0.10f], // black
        [0.58f, 0.57f, 0.55f], // grey
        [0.88f, 0.86f, 0.81f], // white
        [0.74f, 0.62f, 0.42f], // dun
        [0.30f, 0.20f, 0.13f], // dark brown
    ];

    private static readonly float[][] Scenery =
    [
        [0.55f, 0.70f, 0.90f], // sky
        [0.80f, 0.82f, 0.85f], // overcast
        [0.25f, 0.45f, 0.18f], // grass
        [0.45f, 0.55f, 0.25f], // dry grass
        [0.50f, 0.40f, 0.28f], // earth
        [0.78f, 0.70f, 0.52f], // sand
        [0.15f, 0.28f, 0.12f], // forest
        [0.45f, 0.45f, 0.47f], // stone
        [0.90f, 0.92f, 0.95f], // snow
    ];

    /// <summary>Generates <see cref="DataConfig.SyntheticTrain"/> + <see cref="DataConfig.SyntheticTest"/> samples at <see cref="DataConfig.Size"/>.</summary>
    public static SegmentationDataset Generate(DataConfig config, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Size.MinSide < 2) throw new ArgumentOutOfRangeException(nameof(config), $"DataConfig.Size must be at least 2, got {config.Size.Display}.");
        if (!config.Size.IsSquare)
            throw new DataException($"data.size = {config.Size}: the synthetic horses are drawn on squares; use one side (e.g. 128), or the synthetic scenes (--data scenes) for rectangles.");
        if (config.SyntheticTrain < 0 || config.SyntheticTest < 0)
            throw new ArgumentOutOfRangeException(nameof(config), "DataConfig.SyntheticTrain and SyntheticTest must not be negative.");

        var train = MakeSplit(config, TrainStream, config.SyntheticTrain, "train", ct);
        var test = MakeSplit(config, TestStream, config.SyntheticTest, "test", ct);
        if (config.AllTest)
        {
            test = [.. train, .. test];
            train = [];
        }
        string description = $"Synthetic horses (seed {config.SyntheticSeed}): {train.Length} train / {test.Length} test, {config.Size.Display}";
        return new SegmentationDataset(description, train, test);
    }

    private static SegmentationSample[] MakeSplit(DataConfig config, int stream, int count, string split, CancellationToken ct)
    {
        var samples = new SegmentationSample[count];
        int size = config.Size.Height;
        // Each sample has its own Random, so the parallel loop is deterministic.
        Parallel.For(0, count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var (image, mask) = Render(size, new Random(Seeds.Derive(config.SyntheticSeed, stream, i)));
            var values = new byte[mask.Length];
            for (int k = 0; k < mask.Length; k++) values[k] = (byte)mask[k];
            samples[i] = new SegmentationSample($"synthetic-{split}-{i:D4}", image, mask, size, size, new LabelMask(size, size, values));
        });
        return samples;
    }

    /// <summary>Renders one horse: Image is 3×size×size RGB in [0,1] (CHW), Mask is size×size in {0,1}.</summary>
    public static (float[] Image, float[] Mask) Render(int size, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        int n = size * size;
        var mask = new float[n];
        var plot = new MaskPlot(mask);
        DrawHorse(size, random, ref plot);

        float[] coat = ColourJitter.Around(Coats[random.Next(Coats.Length)], random, 0.06f);
        // Some scenes deliberately reuse the coat colour in the clutter: the boundary must
        // then be found from shape, not colour.
        bool camouflage = random.NextDouble() < 0.4;
        var background = Background(size, random, coat, camouflage);
        var animal = Coat(size, random, coat);

        var image = new float[3 * n];
        float noise = (0.01f + 0.03f * random.NextSingle()) / uint.MaxValue;
        // Sensor noise needs many numbers but no quality: xorshift32 is ~10× cheaper than Random.
        uint state = (uint)random.Next() | 1u;
        for (int c = 0; c < 3; c++)
        {
            for (int i = 0; i < n; i++)
            {
                int k = c * n + i;
                float v = mask[i] > 0 ? animal[k] : background[k];
                state ^= state << 13; state ^= state >> 17; state ^= state << 5;
                uint a = state;
                state ^= state << 13; state ^= state >> 17; state ^= state << 5;
                v += noise * ((float)a + state - uint.MaxValue);   // triangular, in ±noise
                image[k] = Math.Clamp(v, 0f, 1f);
            }
        }
        return (image, mask);
    }

    /// <summary>
    /// The silhouette, built in a body frame (x towards the head, y down, body half-length ≈ 1)
    /// and mapped to pixels by a random scale, tilt, mirror and position.
    /// </summary>
    private static void DrawHorse<TPlot>(int size, Random r, ref TPlot plot) where TPlot : struct, IPlot
    {
        double U(double lo, double hi) => lo + (hi - lo) * r.NextDouble();

        double scale = size * U(0.2, 0.33);          // pixels per body unit
        double tilt = U(-0.12, 0.12);
        double mirror = r.NextDouble() < 0.5 ? -1 : 1;
        double cx = size * U(0.35, 0.65), cy = size * U(0.38, 0.58);
        double cos = Math.Cos(tilt), sin = Math.Sin(tilt);
        (double X, double Y) P(double x, double y)
        {
            x *= mirror;
            return (cx + scale * (cos * x - sin * y), cy + scale * (sin * x + cos * y));
        }
        double A(double angle) => Math.Atan2(Math.Sin(angle), mirror * Math.Cos(angle)) + tilt; // body-frame angle → pixels
        void Limb(ref TPlot p, (double X, double Y) a, (double X, double Y) b, double r0, double r1) =>
            Raster.Capsule(size, a.X, a.Y, b.X, b.Y, r0 * scale, r1 * scale, ref p);

        // Body: a barrel plus a chest and a rump so the outline is not a plain ellipse.
        double a = U(0.9, 1.1), b = U(0.36, 0.48);
        var body = P(0, 0);
        Raster.Ellipse(size, body.X, body.Y, a * scale, b * scale, A(U(-0.06, 0.06)), ref plot);
        var chest = P(0.6 * a, 0.05);
        Raster.Ellipse(size, chest.X, chest.Y, 0.42 * scale, b * 1.05 * scale, A(0.3), ref plot);
        var rump = P(-0.62 * a, -0.02);
        Raster.Ellipse(size, rump.X, rump.Y, 0.45 * scale, b * 1.08 * scale, A(-0.2), ref plot);

        // Neck: up and forward, or down when grazing.
        bool grazing = r.NextDouble() < 0.2;
        double neckAngle = grazing ? U(0.2, 0.7) : -U(0.7, 1.25);   // y down: negative is up
        double neckLength = U(0.65, 0.9);
        var neckBase = (X: 0.75 * a, Y: -0.1);
        var neckEnd = (X: neckBase.X + neckLength * Math.Cos(neckAngle), Y: neckBase.Y + neckLength * Math.Sin(neckAngle));
        Limb(ref plot, P(neckBase.X, neckBase.Y), P(neckEnd.X, neckEnd.Y), 0.24, 0.13);

        // Head: a long ellipse hanging forward-down from the top of the neck; ears point back-up.
        double headAngle = grazing ? U(1.2, 1.7) : neckAngle + U(1.3, 1.9);
        double headLength = U(0.26, 0.33);
        var headCentre = P(neckEnd.X + headLength * Math.Cos(headAngle), neckEnd.Y + headLength * Math.Sin(headAngle));
        Raster.Ellipse(size, headCentre.X, headCentre.Y, headLength * 1.1 * scale, 0.12 * scale, A(headAngle), ref plot);
        for (int ear = 0; ear < 2; ear++)
        {
            double earAngle = neckAngle - U(0.5, 1.1) - 0.25 * ear;
            Limb(ref plot, P(neckEnd.X, neckEnd.Y), P(neckEnd.X + 0.2 * Math.Cos(earAngle), neckEnd.Y + 0.2 * Math.Sin(earAngle)), 0.05, 0.015);
        }

        // Four legs, each thigh + shank with a knee angle, ending in a hoof. Front knees bend
        // back, hind hocks forward; the gait swings each pair randomly.
        double legTop = 0.55 * b;
        double[] legX = [0.62 * a, 0.48 * a, -0.58 * a, -0.72 * a];
        for (int leg = 0; leg < 4; leg++)
        {
            bool front = leg < 2;
            double upper = U(0.48, 0.6), lower = U(0.5, 0.62);
            double swing = U(-0.45, 0.45);                          // from vertical, + = forward
            double knee = front ? -U(0.0, 0.8) : U(0.0, 0.7);
            double ux = Math.Sin(swing), uy = Math.Cos(swing);
            double lx = Math.Sin(swing + knee), ly = Math.Cos(swing + knee);
            var hip = (X: legX[leg], Y: legTop);
            var joint = (X: hip.X + upper * ux, Y: hip.Y + upper * uy);
            var hoof = (X: joint.X + lower * lx, Y: joint.Y + lower * ly);
            Limb(ref plot, P(hip.X, hip.Y), P(joint.X, joint.Y), front ? 0.12 : 0.15, 0.06);
            Limb(ref plot, P(joint.X, joint.Y), P(hoof.X, hoof.Y), 0.055, 0.045);
            Limb(ref plot, P(hoof.X, hoof.Y), P(hoof.X + 0.06, hoof.Y + 0.02), 0.065, 0.06);
        }

        // Tail: two segments from the rump, hanging back and down.
        double tailAngle = Math.PI - U(0.3, 1.2);                       // back and down (y down)
        var root = (X: -1.0 * a, Y: -0.2 * b);
        var mid = (X: root.X + 0.35 * Math.Cos(tailAngle), Y: root.Y + 0.35 * Math.Sin(tailAngle));
        double tailAngle2 = tailAngle - U(0.2, 0.8);
        var tip = (X: mid.X + 0.4 * Math.Cos(tailAngle2), Y: mid.Y + 0.4 * Math.Sin(tailAngle2));
        Limb(ref plot, P(root.X, root.Y), P(mid.X, mid.Y), 0.07, 0.06);
        Limb(ref plot, P(mid.X, mid.Y), P(tip.X, tip.Y), 0.06, 0.03);
    }

    /// <summary>The animal's colour field: coat colour × low-frequency mottling × top-lit shading, sometimes dappled.</summary>
    private static float[] Coat(int size, Random r, float[] coat)
    {
        int n = size * size;
        var mottle = ValueNoise(size, 3 + r.Next(6), r);
        float[]? dapple = r.NextDouble() < 0.25 ? ValueNoise(size, 10 + r.Next(10), r) : null;
        var rgb = new float[3 * n];
        for (int y = 0; y < size; y++)
        {
            float shade = 1.12f - 0.3f * y / size;
            for (int x = 0; x < size; x++)
            {
                int i = y * size + x;
                float f = shade * (0.78f + 0.44f * mottle[i]);
                float light = dapple is not null && dapple[i] > 0.62f ? 0.18f : 0f;
                for (int c = 0; c < 3; c++) rgb[c * n + i] = Math.Clamp(coat[c] * f + light, 0f, 1f);
            }
        }
        return rgb;
    }

    /// <summary>A two-tone scene (upper/lower colour), textured, with blobs and stripes on top.</summary>
    private static float[] Background(int size, Random r, float[] coat, bool camouflage)
    {
        double U(double lo, double hi) => lo + (hi - lo) * r.NextDouble();
        int n = size * size;
        var rgb = new float[3 * n];
        float[] top = ColourJitter.Around(Scenery[r.Next(Scenery.Length)], r, 0.08f);
        float[] bottom = ColourJitter.Around(Scenery[r.Next(Scenery.Length)], r, 0.08f);
        double horizon = U(0.25, 0.75) * size, softness = U(1, 0.15 * size);
        var texture = ValueNoise(size, 4 + r.Next(12), r);
        float contrast = (float)U(0.15, 0.6);
        for (int y = 0; y < size; y++)
        {
            float w = (float)(1 / (1 + Math.Exp(-(y - horizon) / softness)));
            for (int x = 0; x < size; x++)
            {
                int i = y * size + x;
                float f = 1 - contrast / 2 + contrast * texture[i];
                for (int c = 0; c < 3; c++) rgb[c * n + i] = Math.Clamp(((1 - w) * top[c] + w * bottom[c]) * f, 0f, 1f);
            }
        }

        float[] Paint() => camouflage && r.NextDouble() < 0.5
            ? ColourJitter.Around(coat, r, 0.05f)
            : ColourJitter.Around(r.NextDouble() < 0.5 ? Scenery[r.Next(Scenery.Length)] : Coats[r.Next(Coats.Length)], r, 0.12f);

        int blobs = 3 + r.Next(10);
        for (int k = 0; k < blobs; k++)
        {
            var paint = new ColourPlot(rgb, n, Paint());
            Raster.Ellipse(size, U(0, size), U(0, size), U(0.03, 0.22) * size, U(0.03, 0.22) * size, U(0, Math.PI), ref paint);
        }
        if (r.NextDouble() < 0.6)
        {
            // Fences, trunks, poles: thin straight structures like legs, in the same places.
            int stripes = 2 + r.Next(7);
            bool vertical = r.NextDouble() < 0.6;
            for (int k = 0; k < stripes; k++)
            {
                var paint = new ColourPlot(rgb, n, Paint());
                double width = U(0.4, 0.03 * size + 0.5), at = U(0, size), lean = U(-0.15, 0.15) * size;
                if (vertical) Raster.Capsule(size, at, -2, at + lean, size + 2, width, width, ref paint);
                else Raster.Capsule(size, -2, at, size + 2, at + lean, width, width, ref paint);
            }
        }
        return rgb;
    }

    /// <summary>Smooth noise in [0,1]: random values on a (cells+1)² grid, bilinearly interpolated.</summary>
    private static float[] ValueNoise(int size, int cells, Random r)
    {
        var grid = new float[(cells + 1) * (cells + 1)];
        for (int i = 0; i < grid.Length; i++) grid[i] = r.NextSingle();
        var field = new float[size * size];
        float step = (float)cells / size;
        for (int y = 0; y < size; y++)
        {
            float gy = (y + 0.5f) * step;
            int y0 = Math.Min((int)gy, cells - 1);
            float ty = gy - y0;
            for (int x = 0; x < size; x++)
            {
                float gx = (x + 0.5f) * step;
                int x0 = Math.Min((int)gx, cells - 1);
                float tx = gx - x0;
                int g = y0 * (cells + 1) + x0;
                float upper = grid[g] + (grid[g + 1] - grid[g]) * tx;
                float lower = grid[g + cells + 1] + (grid[g + cells + 2] - grid[g + cells + 1]) * tx;
                field[y * size + x] = upper + (lower - upper) * ty;
            }
        }
        return field;
    }

    private struct MaskPlot(float[] mask) : IPlot
    {
        public readonly void Plot(int index) => mask[index] = 1f;
    }

    private struct ColourPlot(float[] rgb, int plane, float[] colour) : IPlot
    {
        public readonly void Plot(int index)
        {
            rgb[index] = colour[0];
            rgb[plane + index] = colour[1];
            rgb[2 * plane + index] = colour[2];
        }
    }
}
