using Asm.Research.Configuration;

namespace Asm.Research.Data;

/// <summary>One image and its label mask, as a split lists them.</summary>
/// <param name="Name">The sample's name (the image's file stem).</param>
/// <param name="Image">The image file.</param>
/// <param name="Mask">The label-mask file (PNG).</param>
public sealed record LabelledPair(string Name, string Image, string Mask);

/// <summary>
/// Decodes image/label-mask pairs of multi-class data (CamVid, labelmaps) into samples: the image resized
/// bilinearly, the labels converted by the format and resized by nearest neighbour (<see cref="LabelMapResize"/>).
/// Image and mask must have exactly the same size: label maps are never rescaled onto an image of another size.
/// Decoding runs on all cores; a bad pair stops it and the error reported is the first in list order, whichever
/// thread met it first (same input, same message).
/// </summary>
public static class LabelledPairs
{
    /// <summary>Decodes <paramref name="pairs"/> at <see cref="DataConfig.Size"/>.</summary>
    /// <param name="pairs">The pairs, in sample order.</param>
    /// <param name="toLabels">The mask's labels (class indices, 255 void), or a <see cref="DataException"/> naming the file and the value.</param>
    /// <param name="config">Working size and the decode guard.</param>
    /// <param name="what">Names the format in the size message, e.g. "CamVid".</param>
    /// <param name="progress">Receives "decoded n/N".</param>
    /// <param name="ct">Stops decoding.</param>
    public static SegmentationSample[] Decode(IReadOnlyList<LabelledPair> pairs, Func<MaskFile, byte[]> toLabels, DataConfig config, string what,
                                              IProgress<string>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(toLabels);
        ArgumentNullException.ThrowIfNull(config);
        var size = config.Size;
        var results = new SegmentationSample[pairs.Count];
        var errors = new Exception?[pairs.Count];
        int finished = 0;
        var gate = new object();
        var options = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, pairs.Count, options, (i, state) =>
        {
            try
            {
                results[i] = Sample(pairs[i], toLabels, config, what);
            }
            catch (Exception e) when (e is DataException or SixLabors.ImageSharp.ImageProcessingException)
            {
                errors[i] = e;
                state.Break();   // unlike Stop, Break still runs every lower index
                return;
            }
            int n = Interlocked.Increment(ref finished);
            if (progress is not null && (n % 50 == 0 || n == pairs.Count))
                lock (gate) progress.Report($"decoded {n}/{pairs.Count} at {size.Display}");
        });
        int bad = Array.FindIndex(errors, e => e is not null);
        if (bad >= 0)
        {
            if (errors[bad] is DataException data) throw data;
            throw new DataException($"{pairs[bad].Image} / {pairs[bad].Mask}: {errors[bad]!.Message}", pairs[bad].Image, errors[bad]);
        }
        return results;
    }

    private static SegmentationSample Sample(LabelledPair pair, Func<MaskFile, byte[]> toLabels, DataConfig config, string what)
    {
        var mask = ImageFiles.ReadMask(pair.Mask, config.MaxImagePixels);
        using var image = ImageFiles.ReadRgb(pair.Image, config.MaxImagePixels);
        if (image.Width != mask.Width || image.Height != mask.Height)
            throw new DataException(
                $"Sizes differ: image {pair.Image} is {image.Width}×{image.Height} but mask {pair.Mask} is {mask.Width}×{mask.Height}; " +
                $"{what} masks must have their image's exact size (labels are never rescaled onto another image).", pair.Mask);
        var original = new LabelMask(mask.Width, mask.Height, toLabels(mask));
        var rgb = LabelMapResize.Image(image, config.Size);
        return new SegmentationSample(pair.Name, rgb, LabelMapResize.Nearest(original, config.Size), config.Size.Height, config.Size.Width, original);
    }

    /// <summary>
    /// Labels of a class-index mask: values 0…<paramref name="classCount"/>−1 are kept, <paramref name="voidIndex"/>
    /// becomes <see cref="Tasks.SegmentationTask.VoidLabel"/>; any other value is refused, naming the file, the value,
    /// where it first occurs and the class count. Never thresholded.
    /// </summary>
    public static byte[] FromIndices(MaskFile mask, int classCount, int? voidIndex, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (mask.IsColour) throw new ArgumentException("not an index mask", nameof(mask));
        var map = new short[256];
        for (int v = 0; v < 256; v++) map[v] = v < classCount ? (short)v : v == voidIndex ? Tasks.SegmentationTask.VoidLabel : (short)-1;
        var labels = new byte[mask.Pixels.Length];
        for (int k = 0; k < labels.Length; k++)
        {
            short label = map[mask.Pixels[k]];
            if (label < 0)
            {
                int v = mask.Pixels[k];
                throw new DataException(
                    $"{mask.Path}: value {v} at (x {k % mask.Width}, y {k / mask.Width}) is not a class index: {classCount} classes take 0–{classCount - 1}" +
                    (voidIndex is { } vi ? $" and void is {vi}" : " and no void is declared") + (hint is null ? "." : $"; {hint}"), mask.Path);
            }
            labels[k] = (byte)label;
        }
        return labels;
    }
}
