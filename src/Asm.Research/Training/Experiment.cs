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
    /// <summary>The structure analyzer A of an ASM run (asm, asm+bce, asm+ce); null for a method without one.</summary>
    public StructureAnalyzer? Analyzer => (Method as AsmMethod)?.Analyzer;

    /// <summary>
    /// Fresh networks for <paramref name="config"/>, initialised from its seed — and, on a fresh start
    /// (no <paramref name="history"/>) with <see cref="TrainingConfig.InitFrom"/> set, S from that run's predictor.
    /// </summary>
    /// <exception cref="ConfigException">A value out of <see cref="ConfigBounds"/>, invalid method settings, or an unavailable device.</exception>
    /// <exception cref="Checkpoints.CheckpointException">The init-from source is missing or does not fit S.</exception>
    public static Experiment Create(ExperimentConfig config, TrainingHistory? history = null)
    {
        // Notebooks build experiments directly: the same message as a CLI run, before any network exists.
        ConfigBounds.Validate(config);
        return CreateWithoutBounds(config, history);
    }

    /// <summary>
    /// <see cref="Create"/> without the <see cref="ConfigBounds"/> check: for tests of the trainer's own guards
    /// (a diverging learning rate, a one-value BatchNorm), which must hold for configs the bounds would refuse.
    /// </summary>
    internal static Experiment CreateWithoutBounds(ExperimentConfig config, TrainingHistory? history = null)
    {
        var device = ComputeDevice.Prepare(config.Training);
        var experiment = new Experiment(config, device, MethodRegistry.Create(config, device), history ?? new TrainingHistory());
        // A resumed run (history given, as Checkpoint.Load does) gets its weights from its own checkpoint.
        if (history is null && config.Training.InitFrom is { } source)
        {
            try
            {
                PredictorInitialization.Apply(experiment.Predictor, source);
            }
            catch
            {
                experiment.Dispose();
                throw;
            }
        }
        return experiment;
    }

    /// <summary>Scores S on <paramref name="samples"/> (the test split, usually).</summary>
    public EvaluationResult Evaluate(IReadOnlyList<SegmentationSample> samples, bool originalResolution = true,
        CancellationToken cancellationToken = default) =>
        Evaluator.Evaluate(Predictor, samples, Config.Data, Device, Config.Training.BatchSize, originalResolution, cancellationToken,
            Config.Evaluation.ToMetricOptions(), Config.Task);

    /// <summary>S's foreground probabilities for <paramref name="samples"/> (each Size×Size, row-major).</summary>
    public float[][] Predict(IReadOnlyList<SegmentationSample> samples, CancellationToken cancellationToken = default) =>
        Evaluator.Probabilities(Predictor, samples, Config.Data, Device, Config.Training.BatchSize, cancellationToken);

    /// <summary>
    /// S's label maps for <paramref name="samples"/> (each Height×Width at the working size, row-major): class indices
    /// (argmax) for a multi-class task, 0/1 (p &gt; 0.5) for a binary one.
    /// </summary>
    public byte[][] PredictLabels(IReadOnlyList<SegmentationSample> samples, CancellationToken cancellationToken = default) =>
        Evaluator.Labels(Predictor, samples, Config.Data, Device, Config.Training.BatchSize, Config.Task, cancellationToken);

    /// <summary>
    /// What A reads for each of <paramref name="samples"/> (<see cref="AnalyzerInput"/>: the truth, S's prediction map and
    /// the hard negative, at the working size), made by the task's head as in training, with S in eval mode.
    /// </summary>
    public IReadOnlyList<AnalyzerInput> AnalyzerInputs(IReadOnlyList<SegmentationSample> samples, CancellationToken cancellationToken = default) =>
        Evaluator.AnalyzerInputs(Predictor, samples, Config.Data, Device, Config.Training.BatchSize, Config.Task, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => Method.Dispose();
}
