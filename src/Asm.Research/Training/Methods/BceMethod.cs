using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Losses;
using Asm.Research.Models;
using Asm.Research.Training.Optimizers;
using TorchSharp;

namespace Asm.Research.Training.Methods;

/// <summary>The IID baseline: S minimises BCEWithLogits(S(x), y).</summary>
public sealed class BceMethod : ITrainingMethod
{
    private readonly IParameterOptimizer _optimizer;

    /// <summary>Creates S on <paramref name="device"/> from the config.</summary>
    public BceMethod(ExperimentConfig config, torch.Device device)
    {
        Predictor = NetworkFactory.Predictor(config, device);
        _optimizer = OptimizerFactory.Create(Predictor, config.Optimizer);
    }

    /// <inheritdoc />
    public string Name => "bce";
    /// <inheritdoc />
    public UNet Predictor { get; }
    /// <inheritdoc />
    public IReadOnlyDictionary<string, torch.nn.Module> Networks => new Dictionary<string, torch.nn.Module> { ["predictor"] = Predictor };
    /// <inheritdoc />
    public IReadOnlyDictionary<string, IParameterOptimizer> Optimizers => new Dictionary<string, IParameterOptimizer> { ["predictor"] = _optimizer };

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Step(Batch batch, StepContext context)
    {
        var loss = BceLoss.WithLogits(Predictor.forward(batch.Images), batch.Masks);
        _optimizer.ZeroGrad();
        loss.backward();
        _optimizer.Step(context.LearningRate);
        return new Dictionary<string, double> { ["bce"] = loss.item<float>() };
    }

    /// <inheritdoc />
    public void Dispose() => Predictor.Dispose();
}
