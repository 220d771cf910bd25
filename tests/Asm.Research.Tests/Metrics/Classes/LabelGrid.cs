using static TorchSharp.torch;

namespace Asm.Research.Tests.Metrics.Classes;

/// <summary>Small label maps for the multi-class metric tests.</summary>
internal static class LabelGrid
{
    public const int V = 255;

    public static Tensor ToTensor(int[,] labels)
    {
        int h = labels.GetLength(0), w = labels.GetLength(1);
        var flat = new long[h * w];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) flat[y * w + x] = labels[y, x];
        return tensor(flat).view(h, w);
    }

    /// <summary>An h×w map of <paramref name="background"/> with a box of <paramref name="label"/> (rows top…top+rows−1, cols left…left+cols−1).</summary>
    public static int[,] Box(int h, int w, int background, int label, int top, int left, int rows, int cols)
    {
        var map = Filled(h, w, background);
        for (int y = top; y < top + rows; y++)
            for (int x = left; x < left + cols; x++) map[y, x] = label;
        return map;
    }

    public static int[,] Filled(int h, int w, int label)
    {
        var map = new int[h, w];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) map[y, x] = label;
        return map;
    }

    /// <summary>Random blobby labels 0…classes−1, with void discs when <paramref name="withVoid"/>.</summary>
    public static int[,] Random(Random random, int h, int w, int classes, bool withVoid)
    {
        var map = Filled(h, w, random.Next(classes));
        int discs = 6 + (withVoid ? 2 : 0);
        for (int k = 0; k < discs; k++)
        {
            int label = withVoid && k >= 6 ? V : random.Next(classes);
            double cy = random.Next(h), cx = random.Next(w), r = 1 + random.Next(Math.Min(h, w) / 3);
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    if ((y - cy) * (y - cy) + (x - cx) * (x - cx) <= r * r) map[y, x] = label;
        }
        return map;
    }
}
