using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Losses;
using Asm.Research.Models;
using Asm.Research.Platform;
using Asm.Research.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Training.Methods;

/// <summary>
/// The cGAN baseline: a patch discriminator D on (image, label map). D minimises
/// BCE(D(x,y),1) + BCE(D(x,p),0); S minimises λ_sup·BCE(S(x),y) + λ_gan·BCE(D(x,p),1) (on multi-class
/// data: λ_sup·CE, and D reads one-hot truth and softmax predictions, zero at void).
/// </summary>
public sealed class CganMethod : TrainingMethod
{
    private readonly GanConfig _gan;
    private readonly IParameterOptimizer _discriminatorOptimizer;

    /// <summary>Creates S and D on <paramref name="device"/> from the config.</summary>
    /// <exception cref="ConfigException">Images under 64 px, or loss.* weights set.</exception>
    public CganMethod(ExperimentConfig config, Device device) : base(Validated(config), device)
    {
        _gan = config.Gan;
        Discriminator = NetworkFactory.Discriminator(config, device);
        _discriminatorOptimizer = Register("discriminator", Discriminator);
    }

    /// <summary>The patch discriminator D.</summary>
    public PatchDiscriminator Discriminator { get; }

    /// <summary>The smallest image side the patch discriminator's 4×4 convs accept.</summary>
    public const int MinimumSize = 64;

    private static ExperimentConfig Validated(ExperimentConfig config)
    {
        if (config.Data.Size.MinSide < MinimumSize)
            throw new ConfigException($"the cgan method needs data.size of at least {MinimumSize} per side (the patch discriminator's 4×4 convs); got {config.Data.Size}");
        RequireNoSupervisedLosses(config);
        return config;
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, double> Step(Batch batch, StepContext context)
    {
        using var scalars = new ScalarScope();
        var x = batch.Images;
        var y = batch.Masks;
        var head = Head;
        var logits = Predictor.forward(x);
        var p = head.PredictionMap(logits, y);

        var discriminatorLoss = GanLosses.Discriminator(Discriminator.forward(x, head.TruthMap(y)), Discriminator.forward(x, p.detach()));
        var scaledDiscriminatorLoss = _gan.ScaleDiscriminatorLoss ? discriminatorLoss.mul(scalars.Of(_gan.LambdaGan)) : discriminatorLoss;
        Update(_discriminatorOptimizer, scaledDiscriminatorLoss, context.LearningRate);

        Tensor generatorLoss, supervised;
        using (new Freeze(Discriminator))
        {
            generatorLoss = GanLosses.Generator(Discriminator.forward(x, p));
            supervised = head.Supervised(logits, y);
            var predictorLoss = scalars.Add(supervised.mul(scalars.Of(_gan.LambdaSup)), generatorLoss.mul(scalars.Of(_gan.LambdaGan)));
            Update(PredictorOptimizer, predictorLoss, context.LearningRate);
        }

        return new Dictionary<string, double>
        {
            [head.SupervisedName] = supervised.item<float>(),
            ["g"] = generatorLoss.item<float>(),
            ["d"] = discriminatorLoss.item<float>(),
        };
    }
}
