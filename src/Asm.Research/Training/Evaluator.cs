using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Data.Tasks;
using Asm.Research.Metrics;
using Asm.Research.Metrics.Classes;
using Asm.Research.Models;
using Asm.Research.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Training;

/// <summary>Scores a predictor on test images, at model resolution and at each mask's own resolution.</summary>
public static class Evaluator
{
    /// <summary>
    /// Runs S in eval mode without gradients over <paramref name="samples"/> (one dispose scope per
    /// batch) and scores the predictions: for a binary task (<paramref name="task"/> null or binary) the thresholded
    /// ones (p &gt; 0.5) with <paramref name="metrics"/> (DESIGN.md's defaults when null); for a multi-class task the
    /// argmax, through a confusion matrix and per-class boundary F (<see cref="ClassScoreAccumulator"/>), void ignored.
    /// </summary>
    public static EvaluationResult Evaluate(UNet predictor, IReadOnlyList<SegmentationSample> samples, DataConfig data,
        Device device, int batchSize, bool originalResolution = true, CancellationToken cancellationToken = default,
        MetricOptions? metrics = null, SegmentationTask? task = null)
    {
        if (task is { IsBinary: false })
            return EvaluateClasses(predictor, samples, data, device, batchSize, originalResolution, cancellationToken, metrics ?? MetricOptions.Default, task);
        var model = new MetricAccumulator(metrics);
        var original = new MetricAccumulator(metrics);
        ForEachBatch(predictor, samples, data, device, batchSize, cancellationToken, (batch, logits) =>
        {
            using var scalars = new ScalarScope();
            Scalar zero = scalars.Of(0), half = scalars.Of(0.5);
            var predicted = logits.gt(zero);
            var truth = batch.Masks.gt(half);
            using var oneThread = TorchThreads.Limit(1);
            for (int i = 0; i < batch.Indices.Count; i++)
            {
                model.Add(predicted[i, 0], truth[i, 0]);
                if (!originalResolution) continue;
                var mask = samples[batch.Indices[i]].Original;
                var originalTruth = torch.tensor(mask.Values, [mask.Height, mask.Width], device: device).gt(zero);
                var originalPrediction = ResolutionMapping.ToMaskResolution(logits[i], mask.Height, mask.Width).gt(zero);
                original.Add(originalPrediction, originalTruth);
            }
        });
        return new EvaluationResult(model.Summary(), originalResolution ? original.Summary() : model.Summary(), model.Images);
    }

    // Multi-class: argmax at the working size; at the mask's own size, the logits resized bilinearly, then argmax.
    private static EvaluationResult EvaluateClasses(UNet predictor, IReadOnlyList<SegmentationSample> samples, DataConfig data,
        Device device, int batchSize, bool originalResolution, CancellationToken cancellationToken, MetricOptions metrics, SegmentationTask task)
    {
        if (predictor.OutChannels != task.ClassCount)
            throw new DataException($"the predictor has {predictor.OutChannels} output channel(s), the data {task.ClassCount} classes ({task.Name}); they must match");
        var pairs = task.ConfusionPairIndices();
        int tolerance = metrics.TolerancePixels;
        var model = new ClassScoreAccumulator(task.ClassNames, pairs, tolerance);
        var original = new ClassScoreAccumulator(task.ClassNames, pairs, tolerance);
        ForEachBatch(predictor, samples, data, device, batchSize, cancellationToken, (batch, logits) =>
        {
            var predicted = logits.argmax(1);
            var truth = batch.Masks.squeeze(1).to_type(ScalarType.Int64);
            using var oneThread = TorchThreads.Limit(1);
            for (int i = 0; i < batch.Indices.Count; i++)
            {
                model.Add(predicted[i], truth[i]);
                if (!originalResolution) continue;
                var mask = samples[batch.Indices[i]].Original;
                var originalTruth = torch.tensor(mask.Values, [mask.Height, mask.Width], device: device).to_type(ScalarType.Int64);
                var resized = nn.functional.interpolate(logits[i].unsqueeze(0), size: [mask.Height, mask.Width], mode: InterpolationMode.Bilinear, align_corners: false);
                original.Add(resized[0].argmax(0), originalTruth);
            }
        });
        var atModel = Scores(model);
        return new EvaluationResult(atModel, originalResolution ? Scores(original) : atModel, []);
    }

    private static SegmentationScores Scores(ClassScoreAccumulator a) =>
        new(a.Images, null, null, a.MeanIou(), a.PixelAccuracy(), a.MeanBoundaryF(), null)
        {
            MeanClassAcc = a.MeanClassAccuracy(),
            FwIou = a.FrequencyWeightedIou(),
            Classes = a.Summary(),
        };

    /// <summary>Foreground probabilities (N×S×S, on the CPU) of <paramref name="samples"/>, in order.</summary>
    public static float[][] Probabilities(UNet predictor, IReadOnlyList<SegmentationSample> samples, DataConfig data,
        Device device, int batchSize = 8, CancellationToken cancellationToken = default)
    {
        var result = new float[samples.Count][];
        ForEachBatch(predictor, samples, data, device, batchSize, cancellationToken, (batch, logits) =>
        {
            var probabilities = torch.sigmoid(logits).cpu();
            for (int i = 0; i < batch.Indices.Count; i++)
                result[batch.Indices[i]] = probabilities[i, 0].data<float>().ToArray();
        });
        return result;
    }

    /// <summary>
    /// The predicted label map (N×H×W bytes at the working size, row-major, on the CPU) of each of <paramref name="samples"/>,
    /// in order: for a multi-class task the argmax over S's C channels; for a binary one (<paramref name="task"/> null or binary)
    /// 1 where p &gt; 0.5, else 0.
    /// </summary>
    /// <exception cref="DataException">S's output channels do not match the task's.</exception>
    public static byte[][] Labels(UNet predictor, IReadOnlyList<SegmentationSample> samples, DataConfig data,
        Device device, int batchSize = 8, SegmentationTask? task = null, CancellationToken cancellationToken = default)
    {
        task ??= SegmentationTask.FigureGround;
        if (predictor.OutChannels != task.Channels)
            throw new DataException($"the predictor has {predictor.OutChannels} output channel(s); {task.Describe()} needs {task.Channels}");
        var result = new byte[samples.Count][];
        ForEachBatch(predictor, samples, data, device, batchSize, cancellationToken, (batch, logits) =>
        {
            // p > 0.5 is logit > 0: no sigmoid needed, and no rounding at exactly 0.5.
            using var zero = 0.ToScalar();
            var labels = (task.IsBinary ? logits[.., 0].gt(zero) : logits.argmax(1)).to_type(ScalarType.Byte).cpu();
            for (int i = 0; i < batch.Indices.Count; i++)
                result[batch.Indices[i]] = labels[i].data<byte>().ToArray();
        });
        return result;
    }

    /// <summary>
    /// What the structure analyzer reads for each of <paramref name="samples"/>, in order (<see cref="AnalyzerInput"/>):
    /// the truth, S's prediction map and the hard negative, made by the task's head as in training, with S in eval mode.
    /// </summary>
    /// <exception cref="DataException">S's output channels do not match the task's.</exception>
    public static IReadOnlyList<AnalyzerInput> AnalyzerInputs(UNet predictor, IReadOnlyList<SegmentationSample> samples, DataConfig data,
        Device device, int batchSize, SegmentationTask task, CancellationToken cancellationToken = default)
    {
        if (predictor.OutChannels != task.Channels)
            throw new DataException($"the predictor has {predictor.OutChannels} output channel(s); {task.Describe()} needs {task.Channels}");
        var head = Heads.OutputHeads.For(task);
        var result = new AnalyzerInput[samples.Count];
        ForEachBatch(predictor, samples, data, device, batchSize, cancellationToken, (batch, logits) =>
        {
            var truth = head.TruthMap(batch.Masks).cpu();
            var prediction = head.PredictionMap(logits, batch.Masks);
            var negative = head.HardNegative(prediction, batch.Masks).cpu();
            prediction = prediction.cpu();
            for (int i = 0; i < batch.Indices.Count; i++)
                result[batch.Indices[i]] = new AnalyzerInput(truth[i].data<float>().ToArray(), prediction[i].data<float>().ToArray(),
                    negative[i].data<float>().ToArray(), task.Channels, (int)truth.shape[2], (int)truth.shape[3]);
        });
        return result;
    }

    private static void ForEachBatch(UNet predictor, IReadOnlyList<SegmentationSample> samples, DataConfig data,
        Device device, int batchSize, CancellationToken cancellationToken, Action<Batch, Tensor> onBatch)
    {
        var loader = new BatchLoader(samples, data, batchSize, seed: 0, device);
        bool wasTraining = predictor.training;
        predictor.eval();
        try
        {
            using var noGrad = torch.no_grad();
            foreach (var batch in loader.Epoch(0, train: false, cancellationToken))
            {
                using (batch)
                using (torch.NewDisposeScope())
                {
                    onBatch(batch, predictor.forward(batch.Images));
                }
            }
        }
        finally
        {
            predictor.train(wasTraining);
        }
    }
}
