using System.Diagnostics;
using Asm.Research.Data;
using Asm.Research.Metrics;
using Asm.Research.Performance;
using Asm.Research.Training.Methods;
using Asm.Research.Training.Optimizers;
using TorchSharp;

namespace Asm.Research.Training;

/// <summary>
/// The one training loop shared by every method: epochs of shuffled, augmented batches, one
/// dispose scope per step, the poly learning-rate schedule, a NaN/Inf guard, per-epoch
/// evaluation, and callbacks for progress and checkpoints. Resumes where the history ends.
/// </summary>
public sealed class Trainer(IReadOnlyList<ITrainingCallback>? callbacks = null)
{
    private readonly IReadOnlyList<ITrainingCallback> _callbacks = callbacks ?? [];

    /// <summary>
    /// Trains <paramref name="experiment"/> on <paramref name="data"/>'s training split up to the
    /// config's epoch count, evaluating on its test split. Cancellation stops between steps and
    /// leaves the experiment at its last completed epoch (plus the partial epoch's steps).
    /// </summary>
    /// <exception cref="NonFiniteLossException">A loss became NaN or infinite.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public void Fit(Experiment experiment, SegmentationDataset data, CancellationToken cancellationToken = default)
    {
        var config = experiment.Config;
        var training = config.Training;
        if (data.Train.Count < 2)
            throw new DataException($"{data.Description}: {data.Train.Count} training image(s); at least 2 are needed");
        experiment.Method.Prepare(data);
        var loader = new BatchLoader(data.Train, config.Data, training.BatchSize, training.Seed, experiment.Device, data.Task);
        long stepsPerEpoch = loader.BatchesPerEpoch(train: true);
        long totalSteps = stepsPerEpoch * training.Epochs;
        var method = experiment.Method;
        var history = experiment.History;
        var clock = Stopwatch.StartNew();
        long stepsAtStart = history.CompletedSteps;
        SegmentationScores? lastTest = history.Epochs.LastOrDefault(e => e.Test is not null)?.Test;

        foreach (var network in method.Networks.Values) network.train();

        for (int epoch = history.CompletedEpochs + 1; epoch <= training.Epochs; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            var waitedBefore = loader.WaitTime;
            var sums = new Dictionary<string, double>();
            int images = 0, steps = 0;
            foreach (var batch in loader.Epoch(epoch, train: true, cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                long step = history.CompletedSteps;
                double learningRate = OptimizerFactory.LearningRate(config.Optimizer, step, totalSteps);
                IReadOnlyDictionary<string, double> losses;
                using (batch)
                using (torch.NewDisposeScope())
                {
                    losses = method.Step(batch, new StepContext(step, totalSteps, learningRate));
                }
                GuardFinite(losses, step, epoch);
                history.Steps.Add(new StepRecord(step + 1, epoch, learningRate, losses));
                foreach (var (name, value) in losses) sums[name] = sums.GetValueOrDefault(name) + value;
                images += batch.Indices.Count;
                steps++;

                double rate = images / Math.Max(epochClock.Elapsed.TotalSeconds, 1e-9);
                long done = history.CompletedSteps - stepsAtStart;
                var remaining = TimeSpan.FromSeconds(clock.Elapsed.TotalSeconds / Math.Max(done, 1) * (totalSteps - history.CompletedSteps));
                var report = new TrainingProgress(method.Name, epoch, training.Epochs, history.CompletedSteps, totalSteps,
                    losses, rate, clock.Elapsed, remaining, lastTest);
                foreach (var callback in _callbacks) callback.OnStep(experiment, report);
            }
            // Before the epoch is evaluated or checkpointed: a network with NaN statistics must not be saved as good.
            GuardFiniteBuffers(method, history.CompletedSteps - 1, epoch);
            double seconds = epochClock.Elapsed.TotalSeconds;
            double waited = (loader.WaitTime - waitedBefore).TotalSeconds;

            SegmentationScores? test = null;
            if (data.Test.Count > 0 && (training.EvaluateEveryEpoch || epoch == training.Epochs))
            {
                test = experiment.Evaluate(data.Test, originalResolution: false, cancellationToken).Model;
                lastTest = test;
            }
            ProcessMemory.ReleaseFreedNativeMemory(); // so the recorded RSS is what the run holds, not what glibc kept
            var record = new EpochRecord(epoch, history.CompletedSteps, seconds, images / Math.Max(seconds, 1e-9),
                sums.ToDictionary(kv => kv.Key, kv => kv.Value / Math.Max(steps, 1)), test, waited,
                ProcessMemory.ResidentBytes() / 1048576.0);
            history.Epochs.Add(record);
            foreach (var callback in _callbacks) callback.OnEpochEnd(experiment, record);
        }
    }

    /// <summary>
    /// Finite losses do not mean finite networks: BatchNorm's running statistics over a single
    /// value per channel (batch 1 at a 1×1 bottleneck) become NaN while the training loss looks
    /// fine, and only evaluation shows it (IoU 0). Checked once per epoch, before evaluation and
    /// the checkpoint; it reads the buffers and changes nothing.
    /// </summary>
    private static void GuardFiniteBuffers(ITrainingMethod method, long step, int epoch)
    {
        using var scope = torch.NewDisposeScope();
        foreach (var (network, module) in method.Networks)
        {
            foreach (var (name, buffer) in module.named_buffers())
            {
                if (!buffer.is_floating_point() || torch.isfinite(buffer).all().item<bool>()) continue;
                throw new NonFiniteLossException(
                    $"the {network} network's '{name}' became NaN or infinite by step {step + 1} (epoch {epoch}); training stopped. " +
                    "The last checkpoint (if any) is from the last good epoch. BatchNorm statistics break when a batch gives a layer " +
                    "a single value per channel (raise training.batchSize or data.size, or lower predictor.depth) and when the " +
                    "weights diverge (try a lower optimizer.learningRate).");
            }
        }
    }

    private static void GuardFinite(IReadOnlyDictionary<string, double> losses, long step, int epoch)
    {
        foreach (var (name, value) in losses)
        {
            if (double.IsFinite(value)) continue;
            throw new NonFiniteLossException(
                $"the '{name}' loss became {value} at step {step + 1} (epoch {epoch}); training stopped. " +
                "The last checkpoint (if any) is from the last good epoch. Try a lower optimizer.learningRate.");
        }
    }
}
