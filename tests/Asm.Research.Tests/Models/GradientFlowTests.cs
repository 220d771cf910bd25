using Asm.Research.Configuration;
using Asm.Research.Losses;
using Asm.Research.Models;
using Asm.Research.Platform;
using static TorchSharp.torch;

namespace Asm.Research.Tests.Models;

/// <summary>The match loss trains S through A, but must leave A's weights alone.</summary>
public class GradientFlowTests
{
    public GradientFlowTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Match_loss_reaches_the_predictor_and_an_S_step_leaves_the_analyzer_unchanged()
    {
        using var s = new UNet(new UNetConfig { Width = 2, Depth = 2 });
        using var a = new StructureAnalyzer(new AnalyzerConfig { Widths = [4, 4, 4, 4, 4] });
        ModelInit.Initialize(s, 1);
        ModelInit.Initialize(a, 2);
        foreach (var p in a.parameters()) p.requires_grad = false;
        var before = a.parameters().Select(p => p.detach().clone()).ToList();
        var sBefore = s.parameters().Select(p => p.detach().clone()).ToList();

        var x = randn(2, 3, 32, 32);
        var y = (rand(2, 1, 32, 32) > 0.5).to_type(ScalarType.Float32);
        var optimizer = optim.SGD(s.parameters(), 0.1);
        optimizer.zero_grad();
        var prediction = sigmoid(s.call(x));
        var loss = AsmLosses.Match(a.Run(y, 2, false).Features, a.Run(prediction, 2, false).Features, [1, 2]);
        loss.backward();

        Assert.All(s.parameters(), p => Assert.NotNull(p.grad));
        Assert.Contains(s.parameters(), p => p.grad!.abs().sum().item<float>() > 0);
        Assert.All(a.parameters(), p => Assert.Null(p.grad));
        optimizer.step();

        Assert.All(a.parameters().Zip(before), pair => Assert.True(pair.First.SameAs(pair.Second)));
        Assert.False(s.parameters().Zip(sBefore).All(pair => pair.First.SameAs(pair.Second)));
    }

    [Fact]
    public void With_analyzer_gradients_on_the_match_loss_still_only_steps_S()
    {
        // Even when A's parameters collect gradients, an optimizer over S's parameters does not move A.
        using var s = new UNet(new UNetConfig { Width = 2, Depth = 2 });
        using var a = new StructureAnalyzer(new AnalyzerConfig { Widths = [4, 4, 4, 4, 4] });
        var before = a.parameters().Select(p => p.detach().clone()).ToList();
        var optimizer = optim.SGD(s.parameters(), 0.1);
        var y = (rand(2, 1, 32, 32) > 0.5).to_type(ScalarType.Float32);
        var prediction = sigmoid(s.call(randn(2, 3, 32, 32)));
        AsmLosses.Match(a.Run(y, 2, false).Features, a.Run(prediction, 2, false).Features, [1, 2]).backward();
        Assert.Contains(a.parameters(), p => p.grad is not null);
        optimizer.step();
        Assert.All(a.parameters().Zip(before), pair => Assert.True(pair.First.SameAs(pair.Second)));
    }
}
