using Asm.Research.Data;
using Asm.Research.Data.Tasks;

namespace Asm.Research.Tests.Training;

/// <summary>
/// A tiny multi-class dataset made in memory: horizontal bands of the five classes of <see cref="Tasks.FiveClasses"/>,
/// each with its own colour plus noise, and a small void square; the original-resolution labels are the same maps.
/// </summary>
internal static class MultiClassData
{
    public static SegmentationDataset Make(int train, int test, int height, int width, int seed = 1)
    {
        var random = new Random(seed);
        SegmentationSample Sample(string name)
        {
            int plane = height * width;
            var image = new float[3 * plane];
            var mask = new float[plane];
            var original = new byte[plane];
            int offset = random.Next(height);
            int voidX = random.Next(width - 4), voidY = random.Next(height - 4);
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                {
                    int i = y * width + x;
                    int label = ((y + offset) * 5 / height + (x > width / 2 && y % 7 == 0 ? 1 : 0)) % 5;
                    bool isVoid = x >= voidX && x < voidX + 3 && y >= voidY && y < voidY + 3;
                    byte value = isVoid ? SegmentationTask.VoidLabel : (byte)label;
                    mask[i] = value;
                    original[i] = value;
                    for (int c = 0; c < 3; c++)
                        image[c * plane + i] = Math.Clamp(((label + c) % 3) * 0.4f + 0.1f + 0.1f * (float)random.NextDouble(), 0f, 1f);
                }
            return new SegmentationSample(name, image, mask, height, width, new LabelMask(width, height, original));
        }
        var trainSamples = Enumerable.Range(0, train).Select(i => Sample($"train-{i}")).ToList();
        var testSamples = Enumerable.Range(0, test).Select(i => Sample($"test-{i}")).ToList();
        return new SegmentationDataset($"five-class bands, {train} train / {test} test, {height}×{width}", trainSamples, testSamples, Tasks.FiveClasses);
    }
}
