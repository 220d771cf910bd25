using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Models;
using Asm.Research.Training.Methods;
using TorchSharp;

namespace Asm.Research.Training;

/// <summary>
/// One run's state: its config, networks and optimisers (through the method) and history.
/// Train it with <see cref="Trainer"/>, save and restore it with <see cref="Checkpoints.Checkpoint"/>.
/// </summary>
public sealed class Experiment : IDisposable
{
    private Experiment(ExperimentConfig config, torch.Device device, ITrainingMethod method, TrainingHistory history)
    {
        Config = config;
        Device = device;
        Method = method;
        History = history;
    }

    /// <summary>The run's config.</summary>
    public ExperimentConfig Config { get; }
    /// <summary>Where its tensors live.</summary>
    public torch.Device Device { get; }
    /// <summary>The method: networks, optimisers, step.</summary>
    public ITrainingMethod Method { get; }
    /// <summary>Losses and scores recorded so far.</summary>
    public TrainingHistory History { get; }
    /// <summary>The structured predictor S.</summary>
    public UNet Predictor => Method.Predictor;

    /// <summary>Fresh networks for <paramref name="config"/>, initialised from its seed.</summary>
    /// <exception cref="ConfigException">Invalid method settings, or an unavailable device.</exception>
    public static Experiment Create(ExperimentConfig config, TrainingHistory? history = null)
    {
        var device = ComputeDevice.Prepare(config.Training);
        return new Experiment(config, device, MethodRegistry.Create(config, device), history ?? new TrainingHistory());
    }

    /// <summary>Scores S on <paramref name="samples"/> (the test split, usually).</summary>
    public EvaluationResult Evaluate(IReadOnlyList<SegmentationSample> samples, bool originalResolution = true,
        CancellationToken cancellationToken = default) =>
        Evaluator.Evaluate(Predictor, samples, Config.Data, Device, Config.Training.BatchSize, originalResolution, cancellationToken,
            Config.Evaluation.ToMetricOptions());

    /// <summary>S's foreground probabilities for <paramref name="samples"/> (each Size×Size, row-major).</summary>
    public float[][] Predict(IReadOnlyList<SegmentationSample> samples, CancellationToken cancellationToken = default) =>
        Evaluator.Probabilities(Predictor, samples, Config.Data, Device, Config.Training.BatchSize, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => Method.Dispose();
}
