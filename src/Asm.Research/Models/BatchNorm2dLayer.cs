using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Asm.Research.Models;

/// <summary>
/// 2-D batch normalisation with the same parameters, buffers, names and arithmetic as TorchSharp's BatchNorm2d
/// (weight, bias, running_mean, running_var, num_batches_tracked; momentum 0.1, eps 1e-5), so checkpoints and
/// exported state dicts are unchanged.
/// <para>Why not TorchSharp's: its forward counts batches with <c>num_batches_tracked.add_(1)</c>, whose implicit
/// <see cref="Scalar"/> temporaries are unreachable while the native add runs; a collection on another thread
/// (the data loader allocates) can finalize them mid-call, and the add then reads a freed scalar ("Unknown scalar
/// type", "Expected false to be true … toLong"): a long run died so at epoch 43. Here the scalar is a field, alive
/// as long as the layer.</para>
/// </summary>
public sealed class BatchNorm2dLayer : nn.Module<Tensor, Tensor>
{
    private const double Momentum = 0.1, Epsilon = 1e-5;
    private readonly Scalar one = 1.ToScalar();

    /// <summary>A layer normalising <paramref name="features"/> channels: weight 1, bias 0, running mean 0 and variance 1.</summary>
    public BatchNorm2dLayer(long features, string name = "BatchNorm2d") : base(name)
    {
        if (features < 1) throw new ArgumentOutOfRangeException(nameof(features), features, "A batch norm needs at least one channel.");
        Features = features;
        register_parameter("weight", new TorchSharp.Modules.Parameter(ones(features)));
        register_parameter("bias", new TorchSharp.Modules.Parameter(zeros(features)));
        register_buffer("running_mean", zeros(features));
        register_buffer("running_var", ones(features));
        register_buffer("num_batches_tracked", tensor(0L));
    }

    /// <summary>The number of channels normalised.</summary>
    public long Features { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        if (input.dim() != 4)
            throw new ArgumentException($"BatchNorm2d expects an N×C×H×W batch; got shape [{string.Join(", ", input.shape)}].", nameof(input));
        // Looked up by name: Module.to(…) replaces the registered tensors.
        var runningMean = get_buffer("running_mean")!;
        var runningVar = get_buffer("running_var")!;
        if (training) get_buffer("num_batches_tracked")!.add_(one, one);
        return F.batch_norm(input, runningMean, runningVar, get_parameter("weight"), get_parameter("bias"), training, Momentum, Epsilon);
    }

    /// <summary>Weight 1, bias 0, running mean 0, running variance 1, no batches counted.</summary>
    public void Reset()
    {
        using var noGrad = no_grad();
        get_parameter("weight")!.fill_(one);
        get_parameter("bias")!.zero_();
        get_buffer("running_mean")!.zero_();
        get_buffer("running_var")!.fill_(one);
        get_buffer("num_batches_tracked")!.zero_();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) one.Dispose();
        base.Dispose(disposing);
    }
}
