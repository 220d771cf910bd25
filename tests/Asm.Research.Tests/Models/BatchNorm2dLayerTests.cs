using Asm.Research.Models;
using Asm.Research.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Tests.Models;

/// <summary>
/// The kit's batch norm: TorchSharp's BatchNorm2d's arithmetic and state names, without its scalar that a collection
/// on another thread can free mid-call.
/// </summary>
public sealed class BatchNorm2dLayerTests
{
    public BatchNorm2dLayerTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Same_outputs_running_statistics_and_state_names_as_torchsharps_batch_norm()
    {
        using var scope = NewDisposeScope();
        using var theirs = nn.BatchNorm2d(3);
        using var ours = new BatchNorm2dLayer(3);
        Assert.Equal(theirs.state_dict().Keys.Order(), ours.state_dict().Keys.Order());
        var generator = new Generator(7);
        for (int step = 0; step < 3; step++)
        {
            var x = randn([4, 3, 5, 6], generator: generator) * 3 + 1;
            Assert.True(Same(theirs.forward(x), ours.forward(x)), $"training output differs at step {step}");
        }
        foreach (var key in theirs.state_dict().Keys)
            Assert.True(Same(theirs.state_dict()[key], ours.state_dict()[key]), $"{key} differs after training steps");
        Assert.Equal(3L, ours.get_buffer("num_batches_tracked")!.item<long>());

        theirs.eval();
        ours.eval();
        var test = randn([2, 3, 5, 6], generator: generator);
        Assert.True(Same(theirs.forward(test), ours.forward(test)), "evaluation output differs");
        Assert.Equal(3L, ours.get_buffer("num_batches_tracked")!.item<long>()); // evaluation counts nothing
    }

    // Bit for bit: the same shape and every element equal.
    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    /// <summary>
    /// TorchSharp's BatchNorm2d fails this within seconds ("Expected false to be true … toLong", or "Unknown scalar
    /// type"): its counter's implicit scalars are finalized while the native add still reads them.
    /// </summary>
    [Fact]
    [Trait("Category", "Stress")]
    public void Training_forwards_survive_collections_on_another_thread()
    {
        using var norm = new BatchNorm2dLayer(4);
        norm.train();
        int steps = CollectionPressure.Steps(50_000);
        using (new CollectionPressure())
        {
            for (int i = 0; i < steps; i++)
            {
                using var scope = NewDisposeScope();
                norm.forward(ones(2, 4, 2, 2));
            }
        }
        Assert.Equal(steps, norm.get_buffer("num_batches_tracked")!.item<long>());
    }
}
