using System.Diagnostics;
using System.Text.Json.Serialization;
using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Training;

namespace Asm.Research.Performance;

/// <summary>One benchmark case's measurements (the keys <c>asm bench --json</c> prints).</summary>
public sealed record BenchmarkResult
{
    [JsonPropertyName("method")] public required string Method { get; init; }
    [JsonPropertyName("size")] public ImageSize Size { get; init; }
    /// <summary>Label channels of the task timed: 1 for figure-ground, C for C classes.</summary>
    [JsonPropertyName("channels")] public int Channels { get; init; } = 1;
    [JsonPropertyName("batch")] public int Batch { get; init; }
    /// <summary>Training images per second, from the median step time.</summary>
    [JsonPropertyName("train_images_per_second")] public double TrainImagesPerSecond { get; init; }
    /// <summary>Median wall time of a training step, data wait included.</summary>
    [JsonPropertyName("ms_per_step")] public double MsPerStep { get; init; }
    /// <summary>Evaluation (inference) images per second at model resolution.</summary>
    [JsonPropertyName("eval_images_per_second")] public double EvalImagesPerSecond { get; init; }
    /// <summary>Images per second the data pipeline (batching + augmentation) delivers on its own.</summary>
    [JsonPropertyName("data_images_per_second")] public double DataImagesPerSecond { get; init; }
    /// <summary>Share of training wall time spent waiting for data.</summary>
    [JsonPropertyName("data_wait_share")] public double DataWaitShare { get; init; }
    /// <summary>Peak resident memory of the process so far, in MB.</summary>
    [JsonPropertyName("peak_rss_mb")] public double PeakRssMb { get; init; }
    /// <summary>Convolution GFLOPs per training image: forward, plus one forward's worth for each input or weight gradient computed.</summary>
    [JsonPropertyName("gflop_per_image")] public double GflopPerImage { get; init; }
    /// <summary>Training GFLOP/s achieved: GFLOP per image × images per second.</summary>
    [JsonPropertyName("achieved_gflops")] public double AchievedGflops { get; init; }
}

/// <summary>
/// Times the real training loop, evaluation and data pipeline for one method, size and batch, after a
/// warm-up, and counts the convolutions' FLOPs: on generated images (synthetic horses, or the synthetic scenes
/// for multi-class) or on a data folder's first training images.
/// </summary>
public static class TrainingBenchmark
{
    /// <summary>The config one case trains with (before the data names its task): for checking it, memory included, before any case runs.</summary>
    public static ExperimentConfig CaseConfig(ExperimentConfig baseConfig, string method, ImageSize size, int batch, int warmupSteps, int timedSteps)
    {
        ArgumentNullException.ThrowIfNull(baseConfig);
        int steps = warmupSteps + timedSteps;
        return baseConfig.WithMethod(method) with
        {
            Data = baseConfig.Data with { Size = size, SyntheticTrain = batch * steps, SyntheticTest = batch * 4 },
            Training = baseConfig.Training with { Epochs = 1, BatchSize = batch, EvaluateEveryEpoch = false },
        };
    }

    /// <summary>Runs one case. <paramref name="baseConfig"/> supplies everything but method, size and batch.</summary>
    public static BenchmarkResult Run(ExperimentConfig baseConfig, string method, ImageSize size, int batch,
        int warmupSteps = 3, int timedSteps = 10, CancellationToken cancellationToken = default)
    {
        int steps = warmupSteps + timedSteps;
        var config = CaseConfig(baseConfig, method, size, batch, warmupSteps, timedSteps);
        var loaded = DataSources.Load(config.Data, null, cancellationToken);
        config = config.WithTask(loaded.Task);
        // A folder holds more than the case needs: its first training images, and test images from its test split.
        var data = loaded with { Train = loaded.Train.Take(batch * steps).ToList(), Test = loaded.Test.Take(batch * 4).ToList() };
        if (data.Train.Count < batch * steps)
            throw new DataException($"{loaded.Description}: {data.Train.Count} training images; the case needs {batch * steps} ({steps} steps of {batch})");
        var trainOnly = data with { Test = [] };

        using var experiment = Experiment.Create(config);
        var timer = new StepTimer();
        double trainingFlops;
        using (var flops = new ConvolutionFlops(experiment.Method.Networks.Values))
        {
            new Trainer([timer]).Fit(experiment, trainOnly, cancellationToken);
            trainingFlops = flops.TrainingCount;
        }
        var epoch = experiment.History.Epochs[^1];
        double stepSeconds = Statistics.Median(timer.Intervals.Skip(warmupSteps).ToList());

        experiment.Evaluate(data.Test, originalResolution: false, cancellationToken);
        var evalSeconds = new List<double>();
        for (int i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            experiment.Evaluate(data.Test, originalResolution: false, cancellationToken);
            evalSeconds.Add(clock.Elapsed.TotalSeconds);
        }

        double gflopPerImage = trainingFlops / experiment.History.CompletedSteps / batch / 1e9;
        double trainRate = batch / stepSeconds;
        return new BenchmarkResult
        {
            Method = method,
            Size = size,
            Channels = config.Task.Channels,
            Batch = batch,
            TrainImagesPerSecond = trainRate,
            MsPerStep = stepSeconds * 1000,
            EvalImagesPerSecond = data.Test.Count / Statistics.Median(evalSeconds),
            DataImagesPerSecond = DataRate(data.Train, config, experiment.Device, cancellationToken),
            DataWaitShare = epoch.DataWaitSeconds / epoch.Seconds,
            PeakRssMb = ProcessMemory.PeakResidentBytes() / 1048576.0,
            GflopPerImage = gflopPerImage,
            AchievedGflops = gflopPerImage * trainRate,
        };
    }

    private static double DataRate(IReadOnlyList<SegmentationSample> samples, ExperimentConfig config, TorchSharp.torch.Device device, CancellationToken cancellationToken)
    {
        var loader = new BatchLoader(samples, config.Data, config.Training.BatchSize, seed: 1, device, config.Task);
        var clock = Stopwatch.StartNew();
        int images = 0;
        foreach (var batch in loader.Epoch(1, train: true, cancellationToken))
        {
            images += batch.Indices.Count;
            batch.Dispose();
        }
        return images / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Wall time between consecutive step reports: the step plus any wait for data.</summary>
    private sealed class StepTimer : ITrainingCallback
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private double _last;

        public List<double> Intervals { get; } = [];

        public void OnStep(Experiment experiment, TrainingProgress progress)
        {
            double now = _clock.Elapsed.TotalSeconds;
            // The first interval also holds start-up (loader spin-up); it falls in the warm-up.
            Intervals.Add(now - _last);
            _last = now;
        }
    }
}
