using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Tests.Data;

public sealed class BatchLoaderTests
{
    private const int S = 16;
    private static readonly DataConfig Config = new() { Size = S, SyntheticTrain = 10, SyntheticTest = 0 };
    private static readonly IReadOnlyList<SegmentationSample> Samples = SyntheticHorses.Generate(Config).Train;

    public BatchLoaderTests() => TorchRuntime.EnsureLoaded();

    private static BatchLoader Loader(DataConfig? config = null, int batchSize = 4, int seed = 1) =>
        new(Samples, config ?? Config, batchSize, seed, CPU);

    [Fact]
    public void SameSeedGivesIdenticalBatches()
    {
        var a = Loader().Epoch(3, train: true).ToList();
        var b = Loader().Epoch(3, train: true).ToList();
        Assert.Equal(a.Count, b.Count);
        foreach (var (x, y) in a.Zip(b))
        {
            Assert.Equal(x.Indices, y.Indices);
            Assert.True(Tensors.Same(x.Images, y.Images));
            Assert.True(Tensors.Same(x.Masks, y.Masks));
        }
        a.ForEach(batch => batch.Dispose());
        b.ForEach(batch => batch.Dispose());
    }

    [Fact]
    public void EpochsAndSeedsShuffleDifferently()
    {
        var loader = Loader();
        List<int> Order(BatchLoader l, int epoch) => l.Epoch(epoch, true).SelectMany(b => { b.Dispose(); return b.Indices; }).ToList();
        var first = Order(loader, 0);
        Assert.NotEqual(first, Order(loader, 1));
        Assert.NotEqual(first, Order(Loader(seed: 2), 0));
        Assert.Equal(first, Order(loader, 0));
    }

    [Fact]
    public void TrainingBatchesHaveTheRightShapesAndRanges()
    {
        foreach (var batch in Loader().Epoch(0, true))
        {
            using (batch)
            {
                Assert.Equal(new long[] { batch.Count, 3, S, S }, batch.Images.shape);
                Assert.Equal(new long[] { batch.Count, 1, S, S }, batch.Masks.shape);
                Assert.Equal(ScalarType.Float32, batch.Masks.dtype);
                Assert.True(batch.Masks.eq(0).logical_or(batch.Masks.eq(1)).all().item<bool>());
                // Normalised from [0,1]: (0 − 0.485)/0.229 ≈ −2.12 … (1 − 0.406)/0.225 ≈ 2.64.
                Assert.InRange(batch.Images.min().item<float>(), -2.2f, 2.7f);
                Assert.InRange(batch.Images.max().item<float>(), -2.2f, 2.7f);
            }
        }
    }

    [Fact]
    public void EvaluationIsInOrderCompleteAndUnaugmented()
    {
        var loader = Loader(batchSize: 4);
        Assert.Equal(3, loader.BatchesPerEpoch(train: false));
        var batches = loader.Epoch(0, train: false).ToList();
        Assert.Equal([4, 4, 2], batches.Select(b => b.Count));
        Assert.Equal(Enumerable.Range(0, 10), batches.SelectMany(b => b.Indices));
        using var expected = ImageNormalization.Normalize(tensor(Samples[9].Image, [3, S, S]));
        Assert.True(batches[2].Images[1].allclose(expected, rtol: 0, atol: 1e-6));
        Assert.Equal(Samples[9].Mask, batches[2].Masks[1].data<float>().ToArray());
        batches.ForEach(b => b.Dispose());
    }

    [Theory]
    [InlineData(10, 4, 3)] // 4 + 4 + 2: a partial batch of two is kept
    [InlineData(9, 4, 2)]  // 4 + 4 + 1: a batch of one is dropped (BatchNorm)
    [InlineData(8, 4, 2)]
    [InlineData(3, 1, 3)]  // batch size 1 is the caller's choice, not a partial batch
    public void TrainingDropsOnlyALoneLastSample(int count, int batchSize, int expected)
    {
        var loader = new BatchLoader(Samples.Take(count).ToList(), Config, batchSize, seed: 5, CPU);
        Assert.Equal(expected, loader.BatchesPerEpoch(train: true));
        var indices = loader.Epoch(0, true).SelectMany(b => { b.Dispose(); return b.Indices; }).ToList();
        Assert.Equal(indices.Count, indices.Distinct().Count());
        Assert.Equal(expected, (indices.Count + batchSize - 1) / batchSize);
    }

    [Fact]
    public void FlipOnlyTrainingBatchesHoldMirroredOrOriginalPairs()
    {
        var flipOnly = Config with { Flip = true, ScaleCrop = false, ColorJitter = false };
        int mirrored = 0;
        foreach (var batch in Loader(flipOnly, batchSize: 5).Epoch(0, true))
        {
            using (batch)
            using (var scope = NewDisposeScope())
            {
                for (int i = 0; i < batch.Count; i++)
                {
                    var sample = Samples[batch.Indices[i]];
                    var image = ImageNormalization.Normalize(tensor(sample.Image, [3, S, S]));
                    var mask = tensor(sample.Mask, [1, S, S]);
                    bool imageFlipped = batch.Images[i].allclose(image.flip(2), rtol: 0, atol: 1e-6);
                    bool imageKept = batch.Images[i].allclose(image, rtol: 0, atol: 1e-6);
                    Assert.True(imageFlipped || imageKept);
                    // The mask went the same way as its image.
                    Assert.True(Tensors.Same(batch.Masks[i], imageFlipped ? mask.flip(2) : mask));
                    if (imageFlipped && !imageKept) mirrored++;
                }
            }
        }
        Assert.InRange(mirrored, 1, 9);
    }

    [Fact]
    public void LeavingEarlyOrCancellingStopsTheWorker()
    {
        var loader = Loader(Config with { Prefetch = 2 }, batchSize: 2);
        foreach (var batch in loader.Epoch(0, true))
        {
            batch.Dispose();
            break; // the worker is stopped and its prepared batches disposed
        }
        using var cts = new CancellationTokenSource();
        int seen = 0;
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var batch in loader.Epoch(1, true, cts.Token))
            {
                batch.Dispose();
                if (++seen == 2) cts.Cancel();
            }
        });
        Assert.Equal(2, seen);
        // The loader is still usable afterwards.
        Assert.Equal(5, loader.Epoch(2, true).Count(b => { b.Dispose(); return true; }));
        Assert.True(loader.WaitTime > TimeSpan.Zero);
    }

    [Fact]
    public void RejectsSamplesOfMixedSizes()
    {
        var other = SyntheticHorses.Generate(Config with { Size = 8, SyntheticTrain = 1 }).Train;
        Assert.Throws<ArgumentException>(() => new BatchLoader([.. Samples, .. other], Config, 2, 0, CPU));
    }
}
