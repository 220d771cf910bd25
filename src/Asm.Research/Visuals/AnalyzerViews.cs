using Asm.Research.Data;
using Asm.Research.Losses;
using Asm.Research.Models;
using Asm.Research.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Visuals;

/// <summary>
/// Pictures of what the structure analyzer A sees: its reconstruction of ground-truth masks, its
/// feature maps φ₁…φ₉ for several label maps (truth, prediction, hard negative), and per-pixel
/// distances ‖φ̂_l(y) − φ̂_l(x)‖² between the L2-normalised features of the truth and another map,
/// which is what the match and adversarial losses average. Label maps are K×H×W floats (K = A's
/// channels: 1 for a binary task, C for a multi-class one, e.g. <see cref="AnalyzerInput"/>'s).
/// </summary>
public static class AnalyzerViews
{
    /// <summary>
    /// Runs A on the masks of <paramref name="samples"/> (no gradients) and scores its thresholded
    /// reconstruction σ(A_rec(y)) &gt; 0.5 against y; shows the first <paramref name="shown"/>.
    /// </summary>
    public static ReconstructionCheck Reconstruction(StructureAnalyzer analyzer, IReadOnlyList<SegmentationSample> samples,
                                                     Device device, int shown = 6, string? title = null, int tileWidth = 112)
    {
        if (samples.Count == 0) throw new ArgumentException("No samples to reconstruct.", nameof(samples));
        var reconstructions = new float[samples.Count][];
        const int batch = 16;
        using (no_grad())
            for (int start = 0; start < samples.Count; start += batch)
            {
                using var scope = NewDisposeScope();
                var chunk = samples.Skip(start).Take(batch).ToList();
                var masks = Stack(chunk.Select(s => s.Mask), 1, chunk[0].Height, chunk[0].Width, device);
                var probabilities = sigmoid(analyzer.Run(masks, StructureAnalyzer.FeatureCount, reconstruct: true).Reconstruction!).cpu();
                for (int i = 0; i < chunk.Count; i++)
                    reconstructions[start + i] = MaskImages.ToFloats(probabilities[i, 0]);
            }
        var ious = samples.Select((s, i) => PredictionViews.Iou(reconstructions[i], s.Mask)).ToList();
        var rows = samples.Take(shown).Select((s, i) => new[]
        {
            MaskImages.Mask(s.Mask, s.Height, s.Width, $"{s.Name}: y"),
            MaskImages.Mask(reconstructions[i], s.Height, s.Width, "σ(A_rec(y))"),
            MaskImages.ErrorMap(reconstructions[i], s.Mask, s.Height, s.Width) with { Title = $"IoU {ious[i]:0.000}" },
        });
        string caption = $"{title ?? "Reconstruction of test masks"}: mean IoU {ious.Average():0.000} over {samples.Count} — {MaskImages.ErrorLegend}";
        return new ReconstructionCheck(ious.Average(), ious, Gallery.FromRows(rows, caption, tileWidth));
    }

    /// <summary>
    /// A grid of feature maps: one row per label map (e.g. truth, prediction, hard negative), one
    /// column per feature φ₁…φ₉. Each column shows one channel: the one that varies most over the
    /// first map, on a colour scale shared by the rows, so a column compares like with like.
    /// </summary>
    public static Gallery FeatureGrid(StructureAnalyzer analyzer, IReadOnlyList<(string Name, float[] Map)> maps, int size,
                                      Device device, string? title = null, int tileWidth = 72) =>
        FeatureGrid(analyzer, maps, size, size, device, title, tileWidth);

    /// <summary>The grid of y, p and n of one sample (<see cref="AnalyzerInput"/>), as in training.</summary>
    public static Gallery FeatureGrid(StructureAnalyzer analyzer, AnalyzerInput input, Device device, string? title = null, int tileWidth = 72) =>
        FeatureGrid(analyzer, [("y", input.Truth), ("p", input.Prediction), ("n", input.HardNegative)], input.Height, input.Width, device, title, tileWidth);

    /// <summary>The grid for label maps of <paramref name="height"/>×<paramref name="width"/> (K×H×W each).</summary>
    public static Gallery FeatureGrid(StructureAnalyzer analyzer, IReadOnlyList<(string Name, float[] Map)> maps, int height, int width,
                                      Device device, string? title = null, int tileWidth = 72)
    {
        var features = Features(analyzer, maps, height, width, device); // [map][layer] → (C, h, w, values)
        var tiles = new PngImage[maps.Count * StructureAnalyzer.FeatureCount];
        for (int l = 0; l < StructureAnalyzer.FeatureCount; l++)
        {
            var (c, h, w, _) = features[0][l];
            int plane = h * w;
            int channel = Enumerable.Range(0, c).MaxBy(k => Variance(features[0][l].Values.AsSpan(k * plane, plane)));
            var slices = features.Select(f => f[l].Values.AsSpan(channel * plane, plane).ToArray()).ToList();
            float min = slices.SelectMany(s => s).Min(), max = slices.SelectMany(s => s).Max();
            float range = max > min ? max - min : 1f;
            for (int m = 0; m < maps.Count; m++)
            {
                var scaled = slices[m].Select(v => (v - min) / range).ToArray();
                string caption = m == 0 ? $"{maps[m].Name} · φ{l + 1} ch {channel} ({h}×{w})" : $"{maps[m].Name} · φ{l + 1}";
                tiles[m * StructureAnalyzer.FeatureCount + l] = MaskImages.Heatmap(scaled, h, w, Colormap.Viridis, caption, normalize: false);
            }
        }
        string names = string.Join(", ", maps.Select(m => m.Name));
        var rows = Enumerable.Range(0, maps.Count).Select(m => tiles.Skip(m * StructureAnalyzer.FeatureCount).Take(StructureAnalyzer.FeatureCount))
            .Append([ColourBar(Colormap.Viridis, "colour scale: each column's min → max")]);
        return Gallery.FromRows(rows, title ?? $"Analyzer features φ1…φ9, rows: {names}; per column one channel on a shared scale", tileWidth);
    }

    /// <summary>
    /// Per-pixel squared distances ‖φ̂_l(y) − φ̂_l(x)‖² (φ̂ = <see cref="FeatureNormalization.L2AcrossChannels"/>),
    /// one map per feature l = 1…9 at that feature's own resolution, each h×w row-major.
    /// </summary>
    public static IReadOnlyList<(float[] Values, int Height, int Width)> Distances(StructureAnalyzer analyzer, float[] truth,
                                                                                   float[] other, int size, Device device) =>
        Distances(analyzer, truth, other, size, size, device);

    /// <summary>The distance maps for label maps of <paramref name="height"/>×<paramref name="width"/> (K×H×W each).</summary>
    public static IReadOnlyList<(float[] Values, int Height, int Width)> Distances(StructureAnalyzer analyzer, float[] truth,
                                                                                   float[] other, int height, int width, Device device)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = Stack([truth, other], analyzer.Channels, height, width, device);
        var features = analyzer.Run(input, StructureAnalyzer.FeatureCount, reconstruct: false).Features;
        using var two = 2.ToScalar();
        return features.Select(f =>
        {
            var n = FeatureNormalization.L2AcrossChannels(f);
            var d = (n[0] - n[1]).pow(two).sum(dim: 0); // named: a literal 0 would bind to sum(ScalarType)
            return (MaskImages.ToFloats(d), (int)d.shape[0], (int)d.shape[1]);
        }).ToList();
    }

    /// <summary>
    /// The distance maps of <see cref="Distances(StructureAnalyzer, float[], float[], int, int, Device)"/> as one row of heatmaps (magma, fixed scale
    /// 0…<paramref name="scaleMax"/> so that rows from different checkpoints compare), captioned with each mean.
    /// </summary>
    public static IReadOnlyList<PngImage> DistanceRow(StructureAnalyzer analyzer, float[] truth, float[] other, int size,
                                                      Device device, string label, float scaleMax = 2f) =>
        DistanceRow(analyzer, truth, other, size, size, device, label, scaleMax);

    /// <summary>The row for label maps of <paramref name="height"/>×<paramref name="width"/> (K×H×W each).</summary>
    public static IReadOnlyList<PngImage> DistanceRow(StructureAnalyzer analyzer, float[] truth, float[] other, int height, int width,
                                                      Device device, string label, float scaleMax = 2f)
    {
        var distances = Distances(analyzer, truth, other, height, width, device);
        return distances.Select((d, l) =>
        {
            var scaled = d.Values.Select(v => v / scaleMax).ToArray();
            return MaskImages.Heatmap(scaled, d.Height, d.Width, Colormap.Magma, $"{label} φ{l + 1}: mean {d.Values.Average():0.000}", normalize: false);
        }).ToList();
    }

    /// <summary>
    /// The planes of one sample's label maps as A reads them (<see cref="AnalyzerInput"/>): one row each for y, p and n,
    /// one tile per channel (0 black, 1 white), named by <paramref name="channelNames"/> (the task's class names).
    /// </summary>
    /// <exception cref="ArgumentException">Not one name per channel.</exception>
    public static Gallery InputPlanes(AnalyzerInput input, IReadOnlyList<string> channelNames, string? title = null, int tileWidth = 96)
    {
        if (channelNames.Count != input.Channels)
            throw new ArgumentException($"{channelNames.Count} channel names for {input.Channels} channels.", nameof(channelNames));
        int plane = input.Height * input.Width;
        var rows = new[] { ("y", input.Truth), ("p", input.Prediction), ("n", input.HardNegative) }.Select(map =>
            Enumerable.Range(0, input.Channels).Select(c =>
                MaskImages.Mask(map.Item2.AsSpan(c * plane, plane).ToArray(), input.Height, input.Width, $"{map.Item1} · {channelNames[c]}")));
        return Gallery.FromRows(rows, title ?? "What A reads: rows y, p, n; one plane per channel (0 black … 1 white)", tileWidth);
    }

    private static List<List<(int C, int H, int W, float[] Values)>> Features(StructureAnalyzer analyzer,
        IReadOnlyList<(string Name, float[] Map)> maps, int height, int width, Device device)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var features = analyzer.Run(Stack(maps.Select(m => m.Map), analyzer.Channels, height, width, device), StructureAnalyzer.FeatureCount, reconstruct: false).Features;
        return maps.Select((_, m) => features.Select(f =>
            ((int)f.shape[1], (int)f.shape[2], (int)f.shape[3], MaskImages.ToFloats(f[m]))).ToList()).ToList();
    }

    private static Tensor Stack(IEnumerable<float[]> maps, int channels, int height, int width, Device device)
    {
        var list = maps.ToList();
        int plane = channels * height * width;
        var data = new float[list.Count * plane];
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i].Length != plane)
                throw new ArgumentException($"A label map has {list[i].Length} values; expected {channels}×{height}×{width}.", nameof(maps));
            list[i].CopyTo(data, i * plane);
        }
        return tensor(data, [list.Count, channels, height, width], device: device);
    }

    private static double Variance(ReadOnlySpan<float> values)
    {
        double sum = 0, squares = 0;
        foreach (float v in values) { sum += v; squares += (double)v * v; }
        double mean = sum / values.Length;
        return squares / values.Length - mean * mean;
    }

    /// <summary>A horizontal colour bar of <paramref name="colormap"/> (low on the left), as a legend tile.</summary>
    public static PngImage ColourBar(Colormap colormap, string caption, int width = 64, int height = 8)
    {
        var ramp = new float[width * height];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++) ramp[y * width + x] = x / (float)(width - 1);
        return MaskImages.Heatmap(ramp, height, width, colormap, caption, normalize: false);
    }
}
