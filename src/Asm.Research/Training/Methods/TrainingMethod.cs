using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Models;
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

    /// <summary>Creates S on <paramref name="device"/>, initialised from the config's seed, with its optimiser.</summary>
    protected TrainingMethod(ExperimentConfig config, torch.Device device)
    {
        Name = config.Method;
        _optimizerConfig = config.Optimizer;
        Predictor = NetworkFactory.Predictor(config, device);
        PredictorOptimizer = Register("predictor", Predictor);
    }

    /// <inheritdoc />
    public string Name { get; }
    /// <inheritdoc />
    public UNet Predictor { get; }
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
    /// <exception cref="ConfigException">loss.dice, loss.lovasz or loss.aaf is set.</exception>
    protected static void RequireNoSupervisedLosses(ExperimentConfig config)
    {
        var defaults = new LossConfig();
        if (config.Loss != defaults)
            throw new ConfigException(
                $"the {config.Method} method does not use the loss.* weights (it weights BCE with its own λ_sup); " +
                $"got loss = {config.Loss}. Use a supervised method (bce, bce+dice, bce+lovasz, aaf) for them.");
    }

    /// <inheritdoc />
    public abstract IReadOnlyDictionary<string, double> Step(Batch batch, StepContext context);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var network in _networks.Values) network.Dispose();
        GC.SuppressFinalize(this);
    }
}
