using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Metrics;
using Asm.Research.Models;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Inference;

/// <summary>
/// Segments image files with a trained predictor S: each file is decoded through the data loader's
/// guards (<see cref="ImageFiles"/>), resized to the working size and normalised as in training,
/// and S's logits are resized bilinearly to the image's own size (as the metrics at original
/// resolution do, <see cref="ResolutionMapping"/>) and thresholded there (binary task) or turned into
/// class labels by argmax there (multi-class task).
/// </summary>
public sealed class MaskPredictor
{
    private readonly UNet _predictor;
    private readonly DataConfig _data;
    private readonly Device _device;
    private readonly float _logitThreshold;
    private readonly bool _classes;

    /// <summary>A predictor for images like those of <paramref name="data"/> (working size, decode limit).</summary>
    /// <param name="predictor">S, e.g. a loaded checkpoint's <c>Experiment.Predictor</c>.</param>
    /// <param name="data">The config S was trained with: its <see cref="DataConfig.Size"/> and <see cref="DataConfig.MaxImagePixels"/> apply.</param>
    /// <param name="device">Where S lives.</param>
    /// <param name="threshold">Foreground where the probability exceeds this, in (0, 1).</param>
    public MaskPredictor(UNet predictor, DataConfig data, Device device, double threshold = 0.5)
    {
        _classes = predictor.OutChannels > 1;
        if (!(threshold > 0 && threshold < 1))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must lie strictly between 0 and 1.");
        _predictor = predictor;
        _data = data;
        _device = device;
        // σ(z) > t ⇔ z > log(t / (1 − t)); at t = 0.5 that is z > 0, as the metrics threshold.
        _logitThreshold = (float)Math.Log(threshold / (1 - threshold));
    }

    /// <summary>
    /// The masks of <paramref name="files"/>, in order, <paramref name="batchSize"/> images per forward
    /// pass (one dispose scope each). With <paramref name="keepImages"/> each result carries its image for an overlay.
    /// </summary>
    /// <exception cref="DataException">A file is missing, not an image, too large or corrupt; the message names it.</exception>
    public IEnumerable<PredictedMask> Predict(IReadOnlyList<string> files, bool keepImages = false, int batchSize = 8,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        foreach (var chunk in files.Chunk(batchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var decoded = chunk.Select(file => Decode(file, keepImages)).ToList();
            foreach (var mask in Run(decoded)) yield return mask;
        }
    }

    private List<PredictedMask> Run(IReadOnlyList<DecodedImage> images)
    {
        var size = _data.Size;
        long plane = 3 * size.Pixels;
        var pixels = new float[images.Count * plane];
        for (int i = 0; i < images.Count; i++) images[i].Small.CopyTo(pixels, i * plane);
        bool wasTraining = _predictor.training;
        _predictor.eval();
        try
        {
            using var noGrad = torch.no_grad();
            using var scope = NewDisposeScope();
            var batch = ImageNormalization.Normalize(tensor(pixels, [images.Count, 3, size.Height, size.Width]).to(_device));
            var logits = _predictor.forward(batch);
            return images.Select((image, i) =>
            {
                float[] mask;
                if (_classes)
                {
                    var resized = nn.functional.interpolate(logits[i].unsqueeze(0), size: [image.Height, image.Width],
                        mode: InterpolationMode.Bilinear, align_corners: false);
                    mask = resized[0].argmax(0).to_type(ScalarType.Float32).cpu().data<float>().ToArray();
                }
                else
                {
                    var full = ResolutionMapping.ToMaskResolution(logits[i], image.Height, image.Width);
                    using var threshold = _logitThreshold.ToScalar();
                    mask = full.gt(threshold).to_type(ScalarType.Float32).cpu().data<float>().ToArray();
                }
                return new PredictedMask(image.Path, image.Width, image.Height, mask, image.Full);
            }).ToList();
        }
        finally
        {
            _predictor.train(wasTraining);
        }
    }

    private DecodedImage Decode(string path, bool keepFull)
    {
        using var image = ImageFiles.ReadRgb(path, _data.MaxImagePixels);
        float[]? full = keepFull ? ImageFiles.ToChw(image) : null;
        // The data loader's resize (bilinear, widened when shrinking), so S sees what it was trained on.
        using var small = image.Clone(c => c.Resize(_data.Size.Width, _data.Size.Height, KnownResamplers.Triangle));
        return new DecodedImage(path, image.Width, image.Height, ImageFiles.ToChw(small), full);
    }

    private sealed record DecodedImage(string Path, int Width, int Height, float[] Small, float[]? Full);
}
