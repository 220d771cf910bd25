using Asm.Research.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Training.Optimizers;

/// <summary>Adam with bias correction and L2 weight decay added to the gradient (as <c>torch.optim.Adam</c>).</summary>
public sealed class AdamOptimizer(IReadOnlyList<OptimizedParameter> parameters, double beta1, double beta2, double weightDecay, double eps = 1e-8) : IParameterOptimizer
{
    private readonly Dictionary<string, Tensor> _state = new();
    private long _steps;
    // Kept as a tensor so that State() can hand out the count like any other buffer.
    private readonly Tensor _stepCount = torch.zeros(1, dtype: ScalarType.Int64).DetachFromDisposeScope();

    /// <inheritdoc />
    public void ZeroGrad()
    {
        foreach (var p in parameters) p.Value.grad?.zero_();
    }

    /// <inheritdoc />
    public void Step(double learningRate)
    {
        using var _ = torch.no_grad();
        using var scalars = new ScalarScope();
        _steps++;
        _stepCount.fill_(scalars.Of(_steps));
        double c1 = 1 - Math.Pow(beta1, _steps), c2 = 1 - Math.Pow(beta2, _steps);
        Scalar decay = scalars.Of(weightDecay), b1 = scalars.Of(beta1), b2 = scalars.Of(beta2);
        Scalar rest1 = scalars.Of(1 - beta1), rest2 = scalars.Of(1 - beta2), epsilon = scalars.Of(eps);
        Scalar correction2 = scalars.Of(c2), step = scalars.Of(-learningRate / c1);
        foreach (var p in parameters)
        {
            var grad = p.Value.grad;
            if (grad is null) continue;
            using var scope = torch.NewDisposeScope();
            var g = p.Decayed && weightDecay != 0 ? grad.add(p.Value, alpha: decay) : grad;
            var m = Moment(p.Key + ".m", g);
            var v = Moment(p.Key + ".v", g);
            m.mul_(b1).add_(g, alpha: rest1);
            v.mul_(b2).addcmul_(g, g, value: rest2);
            var denominator = v.div(correction2).sqrt_().add_(epsilon, scalars.One);
            p.Value.addcdiv_(m, denominator, value: step);
        }
    }

    private Tensor Moment(string key, Tensor like)
    {
        if (!_state.TryGetValue(key, out var t))
        {
            // Kept across steps: out of every dispose scope.
            t = torch.zeros_like(like).DetachFromDisposeScope();
            _state[key] = t;
        }
        return t;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, Tensor> State() => new Dictionary<string, Tensor>(_state) { ["steps"] = _stepCount };

    /// <inheritdoc />
    public void LoadState(IReadOnlyDictionary<string, Tensor> state)
    {
        foreach (var old in _state.Values) old.Dispose();
        _state.Clear();
        foreach (var (key, value) in state)
        {
            if (key == "steps")
            {
                _steps = value.item<long>();
                using var steps = _steps.ToScalar();
                _stepCount.fill_(steps);
            }
            else _state[key] = value.detach().clone().DetachFromDisposeScope();
        }
    }
}
