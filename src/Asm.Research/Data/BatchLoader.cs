using System.Diagnostics;
using System.Threading.Channels;
using Asm.Research.Configuration;
using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Data;

/// <summary>
/// Turns cached samples into batches on a device, prepared ahead by a background worker so
/// the trainer does not wait for data.
/// <para>Training epochs: order shuffled and augmentation drawn from a <see cref="Random"/>
/// seeded from (seed, epoch) — the same seed and epoch give the same batches bit for bit. If
/// the last batch would hold a single sample it is dropped (BatchNorm statistics of one
/// sample are noise); any larger partial batch is kept. Evaluation epochs: samples in their
/// given order, no augmentation, the last partial batch kept, so every sample is seen once.</para>
/// <para>Each <see cref="Batch"/> belongs to no dispose scope (it is made on the worker's
/// thread): the consumer disposes it. Batches not consumed (cancellation, leaving a foreach
/// early) are disposed by the loader.</para>
/// </summary>
public sealed class BatchLoader
{
    private readonly IReadOnlyList<SegmentationSample> _samples;
    private readonly DataConfig _config;
    private readonly int _batchSize;
    private readonly int _seed;
    private readonly Device _device;
    private readonly int _height, _width;
    private readonly bool _classLabels;
    private long _waitTicks;

    /// <summary>Creates a loader over <paramref name="samples"/> (all of one working size) labelled for <paramref name="task"/> (figure-ground when null).</summary>
    /// <param name="samples">Usually a split of a <see cref="SegmentationDataset"/>.</param>
    /// <param name="config">Augmentation switches and <see cref="DataConfig.Prefetch"/>.</param>
    /// <param name="batchSize">Samples per batch (≥ 1).</param>
    /// <param name="seed">With the epoch number, fixes order and augmentation of training epochs.</param>
    /// <param name="device">Where batches are made.</param>
    /// <param name="task">Decides how augmentation treats the labels (binary masks or class indices).</param>
    public BatchLoader(IReadOnlyList<SegmentationSample> samples, DataConfig config, int batchSize, int seed, Device device, Tasks.SegmentationTask? task = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _height = samples.Count > 0 ? samples[0].Height : 0;
        _width = samples.Count > 0 ? samples[0].Width : 0;
        int plane = _height * _width;
        var odd = samples.FirstOrDefault(s => s.Height != _height || s.Width != _width || s.Image.Length != 3 * plane || s.Mask.Length != plane);
        if (odd is not null)
            throw new ArgumentException($"Sample {odd.Name} is not {_height}×{_width} like the first sample (or its arrays do not match its size).", nameof(samples));
        _classLabels = task is { IsBinary: false };
        _samples = samples;
        _config = config;
        _batchSize = batchSize;
        _seed = seed;
        _device = device;
    }

    /// <summary>Samples per batch.</summary>
    public int BatchSize => _batchSize;

    /// <summary>Number of samples.</summary>
    public int SampleCount => _samples.Count;

    /// <summary>Total time consumers of <see cref="Epoch"/> waited for a batch to be ready.</summary>
    public TimeSpan WaitTime => TimeSpan.FromTicks(Interlocked.Read(ref _waitTicks));

    /// <summary>Batches per epoch: evaluation ⌈n/b⌉; training ⌊n/b⌋, plus the last partial batch if it holds two or more samples.</summary>
    public int BatchesPerEpoch(bool train)
    {
        int n = _samples.Count, full = n / _batchSize, rest = n % _batchSize;
        return full + (rest == 0 ? 0 : !train || rest >= 2 ? 1 : 0);
    }

    /// <summary>
    /// The batches of one epoch, prepared <see cref="DataConfig.Prefetch"/> ahead (at least one).
    /// Training: shuffled and augmented from (seed, <paramref name="epoch"/>). Evaluation: fixed order, no augmentation.
    /// </summary>
    /// <param name="epoch">Epoch number; only affects training epochs.</param>
    /// <param name="train">Training (shuffle, augment) or evaluation.</param>
    /// <param name="ct">Stops the worker; the enumeration then throws <see cref="OperationCanceledException"/>.</param>
    public IEnumerable<Batch> Epoch(int epoch, bool train, CancellationToken ct = default)
    {
        // The plan (order and every random parameter) is drawn here, on the caller's thread, in
        // a fixed sequence; the worker only executes it, so timing cannot change the result.
        var plan = Plan(epoch, train);
        return Run(plan, ct);
    }

    private IReadOnlyList<(int[] Indices, SampleAugmentation[]? Augment)> Plan(int epoch, bool train)
    {
        int n = _samples.Count;
        var order = Enumerable.Range(0, n).ToArray();
        Random? random = null;
        if (train)
        {
            random = new Random(Seeds.Derive(_seed, epoch));
            random.Shuffle(order);
        }
        int batches = BatchesPerEpoch(train);
        var plan = new List<(int[], SampleAugmentation[]?)>(batches);
        for (int b = 0; b < batches; b++)
        {
            var indices = order.Skip(b * _batchSize).Take(_batchSize).ToArray();
            plan.Add((indices, random is null ? null : Augmentation.Draw(indices.Length, _config, random)));
        }
        return plan;
    }

    private IEnumerable<Batch> Run(IReadOnlyList<(int[] Indices, SampleAugmentation[]? Augment)> plan, CancellationToken ct)
    {
        if (plan.Count == 0) yield break;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var channel = Channel.CreateBounded<Batch>(new BoundedChannelOptions(Math.Max(1, _config.Prefetch))
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        // A dedicated thread: TorchSharp's dispose scopes are per thread, and the worker's
        // scope must open and close on the same one (no awaits inside).
        var worker = Task.Factory.StartNew(() => Produce(plan, channel.Writer, stop.Token),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            while (true)
            {
                long start = Stopwatch.GetTimestamp();
                // Rethrows the worker's exception, if it failed.
                bool more = channel.Reader.WaitToReadAsync(ct).AsTask().GetAwaiter().GetResult();
                Interlocked.Add(ref _waitTicks, Stopwatch.GetElapsedTime(start).Ticks);
                if (!more) yield break;
                if (channel.Reader.TryRead(out var batch)) yield return batch;
            }
        }
        finally
        {
            stop.Cancel();
            try { worker.Wait(); } catch (AggregateException) { /* its error, if any, was delivered through the channel */ }
            while (channel.Reader.TryRead(out var unconsumed)) unconsumed.Dispose();
        }
    }

    private void Produce(IReadOnlyList<(int[] Indices, SampleAugmentation[]? Augment)> plan, ChannelWriter<Batch> writer, CancellationToken ct)
    {
        try
        {
            foreach (var (indices, augment) in plan)
            {
                ct.ThrowIfCancellationRequested();
                var batch = Make(indices, augment);
                try
                {
                    writer.WriteAsync(batch, ct).AsTask().GetAwaiter().GetResult();
                }
                catch
                {
                    batch.Dispose();
                    throw;
                }
            }
            writer.TryComplete();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            writer.TryComplete();
        }
        catch (Exception e)
        {
            writer.TryComplete(e);
        }
    }

    /// <summary>Builds one batch: copy the cached arrays, move to the device, augment, normalise.</summary>
    private Batch Make(int[] indices, SampleAugmentation[]? augment)
    {
        int n = indices.Length, plane = _height * _width;
        var rgb = new float[n * 3 * plane];
        var labels = new float[n * plane];
        for (int i = 0; i < n; i++)
        {
            var sample = _samples[indices[i]];
            sample.Image.CopyTo(rgb, i * 3 * plane);
            sample.Mask.CopyTo(labels, i * plane);
        }

        using var scope = NewDisposeScope();
        var images = tensor(rgb, [n, 3, _height, _width]).to(_device);
        var masks = tensor(labels, [n, 1, _height, _width]).to(_device);
        if (augment is not null && augment.Any(a => a != SampleAugmentation.Identity))
            (images, masks) = Augmentation.Apply(images, masks, augment, _classLabels);
        var normalised = ImageNormalization.Normalize(images);
        // Detached from every scope, so they outlive the worker's; the Batch owns them from here.
        return new Batch(normalised.DetachFromDisposeScope(), masks.DetachFromDisposeScope(), indices);
    }
}
