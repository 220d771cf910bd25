using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Losses;
using Asm.Research.Models;
using Asm.Research.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Training.Methods;

/// <summary>
/// Adversarial structure matching. Each step, on the same batch: one update of the analyzer A
/// (hinge pushing the hard negative's features away from the truth's, plus reconstruction of
/// the truth), then k updates of S (match the truth's features, plus λ_sup·BCE).
/// </summary>
public sealed class AsmMethod : ITrainingMethod
{
    private readonly AsmConfig _asm;
    private readonly IParameterOptimizer _predictorOptimizer, _analyzerOptimizer;
    private readonly int _deepest;

    /// <summary>Creates S and A on <paramref name="device"/> from the config.</summary>
    public AsmMethod(ExperimentConfig config, Device device)
    {
        _asm = config.Asm;
        if (_asm.Layers.Length == 0 || _asm.Layers.Any(l => l < 1 || l > StructureAnalyzer.FeatureCount))
            throw new ConfigException($"asm.layers must list features between 1 and {StructureAnalyzer.FeatureCount}; got [{string.Join(",", _asm.Layers)}]");
        if (_asm.PredictorSteps < 1)
            throw new ConfigException($"asm.predictorSteps must be at least 1; got {_asm.PredictorSteps}");
        Name = config.Method;
        Predictor = NetworkFactory.Predictor(config, device);
        Analyzer = NetworkFactory.Analyzer(config, device);
        _predictorOptimizer = OptimizerFactory.Create(Predictor, config.Optimizer);
        _analyzerOptimizer = OptimizerFactory.Create(Analyzer, config.Optimizer);
        _deepest = _asm.Layers.Max();
    }

    /// <inheritdoc />
    public string Name { get; }
    /// <inheritdoc />
    public UNet Predictor { get; }
    /// <summary>The structure analyzer A.</summary>
    public StructureAnalyzer Analyzer { get; }
    /// <inheritdoc />
    public IReadOnlyDictionary<string, nn.Module> Networks =>
        new Dictionary<string, nn.Module> { ["predictor"] = Predictor, ["analyzer"] = Analyzer };
    /// <inheritdoc />
    public IReadOnlyDictionary<string, IParameterOptimizer> Optimizers =>
        new Dictionary<string, IParameterOptimizer> { ["predictor"] = _predictorOptimizer, ["analyzer"] = _analyzerOptimizer };

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Step(Batch batch, StepContext context)
    {
        var x = batch.Images;
        var y = batch.Masks;
        var logits = Predictor.forward(x);
        var p = torch.sigmoid(logits);

        // A's update. The negative carries no gradient, so S's graph above stays intact for S's update.
        var negative = _asm.HardNegative ? p.detach().gt(0.5).to_type(p.dtype) : p.detach();
        var truth = Analyzer.Run(y, AnalyzerDepthForReconstruction, reconstruct: _asm.LambdaRec != 0);
        var negativeFeatures = Analyzer.Run(negative, _deepest, reconstruct: false);
        var hinge = AsmLosses.Hinge(truth.Features, negativeFeatures.Features, _asm.Layers, _asm.Margin);
        double advWeight = AsmLosses.AdversarialWeight(_asm.LambdaAdv, _asm.AdvDecay, context.Step, context.TotalSteps);
        var analyzerLoss = hinge.mul(advWeight);
        Tensor? reconstruction = null;
        if (truth.Reconstruction is not null)
        {
            reconstruction = AsmLosses.Reconstruction(truth.Reconstruction, y);
            analyzerLoss = analyzerLoss.add(reconstruction.mul(_asm.LambdaRec));
        }
        _analyzerOptimizer.ZeroGrad();
        analyzerLoss.backward();
        _analyzerOptimizer.Step(context.LearningRate);

        // k updates of S against the updated, frozen A.
        Tensor match = null!, bce = null!;
        using (new Freeze(Analyzer))
        {
            // The truth's features are constants for S: computed once, without a graph, so the
            // backward pass runs through A for the prediction only (it was 2N images when the
            // two went through A as one batch).
            IReadOnlyList<Tensor> truthFeatures;
            using (torch.no_grad())
                truthFeatures = Analyzer.Run(y, _deepest, reconstruct: false).Features;
            for (int k = 0; k < _asm.PredictorSteps; k++)
            {
                if (k > 0)
                {
                    logits = Predictor.forward(x);
                    p = torch.sigmoid(logits);
                }
                var predictionFeatures = Analyzer.Run(p, _deepest, reconstruct: false).Features;
                match = AsmLosses.Match(truthFeatures, predictionFeatures, _asm.Layers);
                bce = BceLoss.WithLogits(logits, y);
                var predictorLoss = _asm.LambdaSup != 0 ? match.add(bce.mul(_asm.LambdaSup)) : match;
                _predictorOptimizer.ZeroGrad();
                predictorLoss.backward();
                _predictorOptimizer.Step(context.LearningRate);
            }
        }

        var losses = new Dictionary<string, double>
        {
            ["match"] = match.item<float>(),
            ["adv"] = hinge.item<float>(),
            ["bce"] = bce.item<float>(),
        };
        if (reconstruction is not null) losses["rec"] = reconstruction.item<float>();
        return losses;
    }

    // The reconstruction needs A's full pass; without it, stop at the deepest matched feature.
    private int AnalyzerDepthForReconstruction => _asm.LambdaRec != 0 ? StructureAnalyzer.FeatureCount : _deepest;

    /// <inheritdoc />
    public void Dispose()
    {
        Predictor.Dispose();
        Analyzer.Dispose();
    }
}
