using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Data.Tasks;
using Asm.Research.Models;
using Asm.Research.Training.Heads;
using Asm.Research.Training.Optimizers;
using TorchSharp;

namespace Asm.Research.Training.Methods;

/// <summary>
/// The plumbing every method shares, written once: S created from the config, networks and
/// their optimisers registered by name (for checkpoints), one update = zero-grad, backward, step,
/// and disposal. A method adds its other networks with <see cref="Register"/> and writes <see cref="Step"/>.
/// </summary>
public abstract class TrainingMethod : ITrainingMethod
{
    private readonly Dictionary<string, torch.nn.Module> _networks = new();
    private readonly Dictionary<string, IParameterOptimizer> _optimizers = new();
    private readonly OptimizerConfig _optimizerConfig;
    private readonly ExperimentConfig _config;
    private readonly torch.Device _device;
    private torch.Tensor? _classWeights;

    /// <summary>Creates S on <paramref name="device"/>, initialised from the config's seed, with its optimiser.</summary>
    protected TrainingMethod(ExperimentConfig config, torch.Device device)
    {
        Name = config.Method;
        _config = config;
        _device = device;
        _optimizerConfig = config.Optimizer;
        Task = config.Task;
        Head = OutputHeads.For(config.Task);
        Predictor = NetworkFactory.Predictor(config, device);
        PredictorOptimizer = Register("predictor", Predictor);
    }

    /// <inheritdoc />
    public string Name { get; }
    /// <inheritdoc />
    public UNet Predictor { get; }
    /// <summary>The task the method trains for (the config's).</summary>
    public SegmentationTask Task { get; }

    /// <summary>How logits become label maps, negatives, losses and predictions for the task (<see cref="OutputHeads"/>).</summary>
    protected IOutputHead Head { get; private set; }

    /// <summary>Cross-entropy's class weights in use (after <see cref="Prepare"/>), or null.</summary>
    public double[]? ClassWeights { get; private set; }

    /// <summary>
    /// Checks that <paramref name="data"/> is labelled for the method's task and resolves what depends on the
    /// training split (median-frequency class weights). The trainer calls it before the first step of a run or a resume.
    /// </summary>
    /// <exception cref="DataException">The data's classes differ from the config's task; the message gives both.</exception>
    public virtual void Prepare(SegmentationDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!data.Task.SameAs(Task))
            throw new DataException(
                $"{data.Description}: the data is labelled for {data.Task.Describe()}, but the run's config (or checkpoint) is for " +
                $"{Task.Describe()}; a predictor of {Task.Channels} output channel(s) cannot be trained or scored on it");
        ClassWeights = ClassWeightResolver.Resolve(_config.Loss, data);
        _classWeights?.Dispose();
        _classWeights = ClassWeights is null ? null : torch.tensor(ClassWeights, torch.ScalarType.Float32).to(_device);
        Head = OutputHeads.For(Task, _classWeights);
    }

    /// <summary>S's optimiser.</summary>
    protected IParameterOptimizer PredictorOptimizer { get; }
    /// <inheritdoc />
    public IReadOnlyDictionary<string, torch.nn.Module> Networks => _networks;
    /// <inheritdoc />
    public IReadOnlyDictionary<string, IParameterOptimizer> Optimizers => _optimizers;

    /// <summary>Adds a network under a stable name (its checkpoint file name) and returns its optimiser.</summary>
    protected IParameterOptimizer Register(string name, torch.nn.Module network)
    {
        var optimizer = OptimizerFactory.Create(network, _optimizerConfig);
        _networks.Add(name, network);
        _optimizers.Add(name, optimizer);
        return optimizer;
    }

    /// <summary>One update of the parameters behind <paramref name="optimizer"/>: zero-grad, backward, step.</summary>
    protected static void Update(IParameterOptimizer optimizer, torch.Tensor loss, double learningRate)
    {
        optimizer.ZeroGrad();
        loss.backward();
        optimizer.Step(learningRate);
    }

    /// <summary>
    /// Refuses structure-loss weights on a method that does not use them, so a setting is never
    /// silently ignored (asm and cgan weight their BCE with their own λ_sup).
    /// </summary>
    /// <exception cref="ConfigException">A loss weight differs from its default.</exception>
    protected static void RequireNoSupervisedLosses(ExperimentConfig config)
    {
        // Class weights are not a loss weight: they weigh the method's own cross-entropy term.
        var defaults = new LossConfig();
        var set = Objectives.LossRegistry.All.Where(l => l.Weight(config.Loss) != l.Weight(defaults))
            .Select(l => $"{l.Key} = {l.Weight(config.Loss).ToString(System.Globalization.CultureInfo.InvariantCulture)}").ToList();
        if (set.Count > 0)
        {
            var supervised = MethodRegistry.All.Where(m => m.Networks.Count == 1 && m.Tasks.HasFlag(config.Task.TaskKind)).Select(m => m.Name);
            throw new ConfigException(
                $"the {config.Method} method does not use the loss.* weights (it weights its per-pixel loss with its own λ_sup); " +
                $"got {string.Join(", ", set)}. Use a supervised method ({string.Join(", ", supervised)}) for them.");
        }
    }

    /// <inheritdoc />
    public abstract IReadOnlyDictionary<string, double> Step(Batch batch, StepContext context);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var network in _networks.Values) network.Dispose();
        _classWeights?.Dispose();
        GC.SuppressFinalize(this);
    }
}
