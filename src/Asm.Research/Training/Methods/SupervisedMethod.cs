using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Losses;
using Asm.Research.Platform;
using Asm.Research.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Training.Methods;

/// <summary>
/// S trained on a weighted sum of supervised losses (<see cref="LossConfig"/>): BCE alone is the
/// IID baseline; BCE + soft Dice, + Lovász hinge, + adaptive affinity fields are the structure-aware
/// baselines. One backward pass per step: S descends the sum; learnable parts of a term that the
/// objective maximises (AAF's weights) ascend it.
/// </summary>
public sealed class SupervisedMethod : TrainingMethod
{
    private readonly IReadOnlyList<LossTerm> _terms;
    private readonly IReadOnlyList<(nn.Module Parameters, IParameterOptimizer Optimizer)> _ascending;

    /// <summary>Creates S (and any learnable loss parts) on <paramref name="device"/> from the config.</summary>
    /// <exception cref="ConfigException">No term has a positive weight, or a weight is negative.</exception>
    public SupervisedMethod(ExperimentConfig config, Device device) : base(config, device)
    {
        _terms = SupervisedObjective.Terms(config, device, () => Head);
        _ascending = _terms.Where(t => t.Maximised is not null)
            .Select(t => (t.Maximised!, Register($"{t.Name}-weights", t.Maximised!))).ToList();
    }

    /// <summary>The objective's terms, in order.</summary>
    public IReadOnlyList<LossTerm> Terms => _terms;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, double> Step(Batch batch, StepContext context)
    {
        using var scalars = new ScalarScope();
        var logits = Predictor.forward(batch.Images);
        var values = _terms.Select(t => t.Compute(logits, batch.Masks, context)).ToList();
        // A single term of weight 1 is the loss itself (BCE alone: the same arithmetic as ever).
        var total = _terms[0].Weight == 1 ? values[0] : values[0].mul(scalars.Of(_terms[0].Weight));
        for (int i = 1; i < values.Count; i++) total = scalars.Add(total, values[i].mul(scalars.Of(_terms[i].Weight)));

        foreach (var (_, optimizer) in _ascending) optimizer.ZeroGrad();
        Update(PredictorOptimizer, total, context.LearningRate);
        foreach (var (parameters, optimizer) in _ascending)
        {
            GradientAscent.NegateGradients(parameters);
            optimizer.Step(context.LearningRate);
        }

        return _terms.Select((t, i) => (t.Name, values[i].item<float>())).ToDictionary(p => p.Name, p => (double)p.Item2);
    }
}
