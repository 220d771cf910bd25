using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Losses;
using Asm.Research.Models;
using Asm.Research.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Training.Methods;

/// <summary>
/// The cGAN baseline: a patch discriminator D on (image, label map). D minimises
/// BCE(D(x,y),1) + BCE(D(x,p),0); S minimises λ_sup·BCE(S(x),y) + λ_gan·BCE(D(x,p),1).
/// </summary>
public sealed class CganMethod : ITrainingMethod
{
    private readonly GanConfig _gan;
    private readonly IParameterOptimizer _predictorOptimizer, _discriminatorOptimizer;

    /// <summary>Creates S and D on <paramref name="device"/> from the config.</summary>
    public CganMethod(ExperimentConfig config, Device device)
    {
        if (config.Data.Size < 64)
            throw new ConfigException($"the cgan method needs data.size of at least 64 (the patch discriminator's 4×4 convs); got {config.Data.Size}");
        _gan = config.Gan;
        Predictor = NetworkFactory.Predictor(config, device);
        Discriminator = NetworkFactory.Discriminator(config, device);
        _predictorOptimizer = OptimizerFactory.Create(Predictor, config.Optimizer);
        _discriminatorOptimizer = OptimizerFactory.Create(Discriminator, config.Optimizer);
    }

    /// <inheritdoc />
    public string Name => "cgan";
    /// <inheritdoc />
    public UNet Predictor { get; }
    /// <summary>The patch discriminator D.</summary>
    public PatchDiscriminator Discriminator { get; }
    /// <inheritdoc />
    public IReadOnlyDictionary<string, nn.Module> Networks =>
        new Dictionary<string, nn.Module> { ["predictor"] = Predictor, ["discriminator"] = Discriminator };
    /// <inheritdoc />
    public IReadOnlyDictionary<string, IParameterOptimizer> Optimizers =>
        new Dictionary<string, IParameterOptimizer> { ["predictor"] = _predictorOptimizer, ["discriminator"] = _discriminatorOptimizer };

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Step(Batch batch, StepContext context)
    {
        var x = batch.Images;
        var y = batch.Masks;
        var logits = Predictor.forward(x);
        var p = torch.sigmoid(logits);

        var discriminatorLoss = GanLosses.Discriminator(Discriminator.forward(x, y), Discriminator.forward(x, p.detach()));
        var scaledDiscriminatorLoss = _gan.ScaleDiscriminatorLoss ? discriminatorLoss.mul(_gan.LambdaGan) : discriminatorLoss;
        _discriminatorOptimizer.ZeroGrad();
        scaledDiscriminatorLoss.backward();
        _discriminatorOptimizer.Step(context.LearningRate);

        Tensor generatorLoss, bce;
        using (new Freeze(Discriminator))
        {
            generatorLoss = GanLosses.Generator(Discriminator.forward(x, p));
            bce = BceLoss.WithLogits(logits, y);
            var predictorLoss = bce.mul(_gan.LambdaSup).add(generatorLoss.mul(_gan.LambdaGan));
            _predictorOptimizer.ZeroGrad();
            predictorLoss.backward();
            _predictorOptimizer.Step(context.LearningRate);
        }

        return new Dictionary<string, double>
        {
            ["bce"] = bce.item<float>(),
            ["g"] = generatorLoss.item<float>(),
            ["d"] = discriminatorLoss.item<float>(),
        };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Predictor.Dispose();
        Discriminator.Dispose();
    }
}
