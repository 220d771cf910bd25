using Asm.Research.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Training.Optimizers;

/// <summary>
/// SGD with momentum and L2 weight decay added to the gradient, the update PyTorch's
/// <c>torch.optim.SGD</c> makes (first step: buffer = gradient).
/// </summary>
public sealed class MomentumSgd(IReadOnlyList<OptimizedParameter> parameters, double momentum, double weightDecay) : IParameterOptimizer
{
    private readonly Dictionary<string, Tensor> _buffers = new();

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
        Scalar decay = scalars.Of(weightDecay), momentumFactor = scalars.Of(momentum), step = scalars.Of(-learningRate);
        foreach (var p in parameters)
        {
            var grad = p.Value.grad;
            if (grad is null) continue;
            using var g = p.Decayed && weightDecay != 0 ? grad.add(p.Value, alpha: decay) : grad.alias();
            if (momentum != 0)
            {
                if (_buffers.TryGetValue(p.Key, out var buffer))
                    buffer.mul_(momentumFactor).add_(g, scalars.One);
                else
                    // Kept across steps: out of the step's dispose scope.
                    _buffers[p.Key] = buffer = g.detach().clone().DetachFromDisposeScope();
                p.Value.add_(buffer, alpha: step);
            }
            else
            {
                p.Value.add_(g, alpha: step);
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, Tensor> State() => _buffers;

    /// <inheritdoc />
    public void LoadState(IReadOnlyDictionary<string, Tensor> state)
    {
        foreach (var old in _buffers.Values) old.Dispose();
        _buffers.Clear();
        foreach (var (key, value) in state) _buffers[key] = value.detach().clone().DetachFromDisposeScope();
    }
}
