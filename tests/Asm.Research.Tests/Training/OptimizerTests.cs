using Asm.Research.Configuration;
using Asm.Research.Platform;
using Asm.Research.Training.Optimizers;
using TorchSharp;
using TorchSharp.Modules;

namespace Asm.Research.Tests.Training;

public sealed class OptimizerTests
{
    public OptimizerTests() => TorchRuntime.EnsureLoaded();

    private static (Parameter P, MomentumSgd Sgd) Sgd(double weightDecay, bool decayed)
    {
        var p = new Parameter(torch.tensor(new float[] { 1f }));
        return (p, new MomentumSgd([new OptimizedParameter("p", p, decayed)], momentum: 0.9, weightDecay));
    }

    private static void GradientOfTwoP(Parameter p)
    {
        // d(2p)/dp = 2.
        p.mul(2).sum().backward();
    }

    [Fact]
    public void Momentum_sgd_matches_the_hand_computed_updates()
    {
        var (p, sgd) = Sgd(weightDecay: 0, decayed: false);
        sgd.ZeroGrad(); GradientOfTwoP(p); sgd.Step(0.1);
        Assert.Equal(0.8f, p.item<float>(), 5);      // buffer = 2
        sgd.ZeroGrad(); GradientOfTwoP(p); sgd.Step(0.1);
        Assert.Equal(0.42f, p.item<float>(), 5);     // buffer = 0.9·2 + 2 = 3.8
    }

    [Fact]
    public void Weight_decay_applies_only_to_decayed_parameters()
    {
        var (p, sgd) = Sgd(weightDecay: 0.5, decayed: true);
        sgd.ZeroGrad(); GradientOfTwoP(p); sgd.Step(0.1);
        Assert.Equal(0.75f, p.item<float>(), 5);     // grad 2 + 0.5·1
        var (q, plain) = Sgd(weightDecay: 0.5, decayed: false);
        plain.ZeroGrad(); GradientOfTwoP(q); plain.Step(0.1);
        Assert.Equal(0.8f, q.item<float>(), 5);
    }

    [Fact]
    public void Only_conv_kernels_are_decayed()
    {
        TorchRuntime.EnsureLoaded();
        var net = torch.nn.Sequential(torch.nn.Conv2d(3, 4, 3), torch.nn.BatchNorm2d(4), torch.nn.ConvTranspose2d(4, 2, 2));
        var decayed = OptimizedParameter.Of(net).Where(p => p.Decayed).Select(p => p.Key).ToList();
        Assert.Equal(["0.weight", "2.weight"], decayed);
    }

    [Fact]
    public void Adam_first_step_moves_each_weight_by_the_learning_rate()
    {
        var p = new Parameter(torch.tensor(new float[] { 1f }));
        var adam = new AdamOptimizer([new OptimizedParameter("p", p, false)], 0.9, 0.999, 0);
        adam.ZeroGrad(); GradientOfTwoP(p); adam.Step(0.01);
        Assert.Equal(0.99f, p.item<float>(), 4);     // bias-corrected m/√v = 1
    }

    [Fact]
    public void Poly_schedule_decays_to_zero()
    {
        var c = new OptimizerConfig();
        Assert.Equal(0.01, OptimizerFactory.LearningRate(c, 0, 100), 12);
        Assert.Equal(0.01 * Math.Pow(0.5, 0.9), OptimizerFactory.LearningRate(c, 50, 100), 12);
        Assert.Equal(0, OptimizerFactory.LearningRate(c, 100, 100), 12);
        Assert.Equal(0.01, OptimizerFactory.LearningRate(c with { PolyPower = 0 }, 50, 100), 12);
    }

    [Fact]
    public void Sgd_state_round_trips()
    {
        var (p, sgd) = Sgd(0, false);
        sgd.ZeroGrad(); GradientOfTwoP(p); sgd.Step(0.1);
        var (q, other) = Sgd(0, false);
        other.LoadState(sgd.State());
        q.detach().copy_(p.detach());
        sgd.ZeroGrad(); GradientOfTwoP(p); sgd.Step(0.1);
        other.ZeroGrad(); GradientOfTwoP(q); other.Step(0.1);
        Assert.Equal(p.item<float>(), q.item<float>());
    }
}
