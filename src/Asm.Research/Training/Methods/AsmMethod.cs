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
/// Adversarial structure matching. Each step, on the same batch: one update of the analyzer A
/// (hinge pushing the hard negative's features away from the truth's, plus reconstruction of
/// the truth), then k updates of S (match the truth's features, plus λ_sup·BCE, or λ_sup·CE on
/// multi-class data). The task's head (<see cref="Heads.IOutputHead"/>) says what A reads: y, σ(z) and
/// 1[σ(z) &gt; 0.5] for binary data; one-hot(y), softmax(z) and one-hot(argmax), zero at void, otherwise.
/// </summary>
public sealed class AsmMethod : TrainingMethod
{
    private readonly AsmConfig _asm;
    private readonly IParameterOptimizer _analyzerOptimizer;
    private readonly int _deepest;

    /// <summary>Creates S and A on <paramref name="device"/> from the config.</summary>
    /// <exception cref="ConfigException">Matched layers out of range, k &lt; 1, or loss.* weights set.</exception>
    public AsmMethod(ExperimentConfig config, Device device) : base(Validated(config), device)
    {
        _asm = config.Asm;
        Analyzer = NetworkFactory.Analyzer(config, device);
        _analyzerOptimizer = Register("analyzer", Analyzer);
        _deepest = _asm.Layers.Max();
    }

    /// <summary>The structure analyzer A.</summary>
    public StructureAnalyzer Analyzer { get; }

    private static ExperimentConfig Validated(ExperimentConfig config)
    {
        var asm = config.Asm;
        if (asm.Layers.Length == 0 || asm.Layers.Any(l => l < 1 || l > StructureAnalyzer.FeatureCount))
            throw new ConfigException($"asm.layers must list features between 1 and {StructureAnalyzer.FeatureCount}; got [{string.Join(",", asm.Layers)}]");
        if (asm.PredictorSteps < 1)
            throw new ConfigException($"asm.predictorSteps must be at least 1; got {asm.PredictorSteps}");
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
        var truthMap = head.TruthMap(y);
        var logits = Predictor.forward(x);
        var p = head.PredictionMap(logits, y);

        // A's update. The negative carries no gradient, so S's graph above stays intact for S's update.
        var negative = _asm.HardNegative ? head.HardNegative(p.detach(), y) : p.detach();
        var truth = Analyzer.Run(truthMap, AnalyzerDepthForReconstruction, reconstruct: _asm.LambdaRec != 0);
        var negativeFeatures = Analyzer.Run(negative, _deepest, reconstruct: false);
        var hinge = AsmLosses.Hinge(truth.Features, negativeFeatures.Features, _asm.Layers, _asm.Margin);
        double advWeight = AsmLosses.AdversarialWeight(_asm.LambdaAdv, _asm.AdvDecay, context.Step, context.TotalSteps);
        var analyzerLoss = hinge.mul(scalars.Of(advWeight));
        Tensor? reconstruction = null;
        if (truth.Reconstruction is not null)
        {
            reconstruction = head.Reconstruction(truth.Reconstruction, y);
            analyzerLoss = scalars.Add(analyzerLoss, reconstruction.mul(scalars.Of(_asm.LambdaRec)));
        }
        Update(_analyzerOptimizer, analyzerLoss, context.LearningRate);

        // k updates of S against the updated, frozen A.
        Tensor match = null!, supervised = null!;
        using (new Freeze(Analyzer))
        {
            // The truth's features are constants for S: computed once, without a graph, so the
            // backward pass runs through A for the prediction only (it was 2N images when the
            // two went through A as one batch).
            IReadOnlyList<Tensor> truthFeatures;
            using (torch.no_grad())
                truthFeatures = Analyzer.Run(truthMap, _deepest, reconstruct: false).Features;
            for (int k = 0; k < _asm.PredictorSteps; k++)
            {
                if (k > 0)
                {
                    logits = Predictor.forward(x);
                    p = head.PredictionMap(logits, y);
                }
                var predictionFeatures = Analyzer.Run(p, _deepest, reconstruct: false).Features;
                match = AsmLosses.Match(truthFeatures, predictionFeatures, _asm.Layers);
                supervised = head.Supervised(logits, y);
                var predictorLoss = _asm.LambdaSup != 0 ? scalars.Add(match, supervised.mul(scalars.Of(_asm.LambdaSup))) : match;
                Update(PredictorOptimizer, predictorLoss, context.LearningRate);
            }
        }

        var losses = new Dictionary<string, double>
        {
            ["match"] = match.item<float>(),
            ["adv"] = hinge.item<float>(),
            [head.SupervisedName] = supervised.item<float>(),
        };
        if (reconstruction is not null) losses["rec"] = reconstruction.item<float>();
        return losses;
    }

    // The reconstruction needs A's full pass; without it, stop at the deepest matched feature.
    private int AnalyzerDepthForReconstruction => _asm.LambdaRec != 0 ? StructureAnalyzer.FeatureCount : _deepest;
}
