using Asm.Research.Data;
using Asm.Research.Performance;
using Asm.Research.Training;

namespace Asm.Research.Tests.Training;

[Collection("Sequential")]
public sealed class MemoryTests
{
    [Fact]
    public void Resident_memory_stays_flat_over_fifty_asm_steps()
    {
        // 16 images / batch 4 = 4 steps an epoch: 13 epochs ≈ 52 steps, with evaluation every epoch.
        // 64×64 so that a leaked step (activations, gradients) would cost megabytes.
        var config = TinyConfigs.For("asm", epochs: 13) with
        {
            Data = new Asm.Research.Configuration.DataConfig { Size = 64, SyntheticTrain = 16, SyntheticTest = 8, Prefetch = 1 },
            Predictor = new Asm.Research.Configuration.UNetConfig { Width = 8 },
        };
        var data = DataSources.Load(config.Data);
        using var experiment = Experiment.Create(config);
        var probe = new RssProbe();
        new Trainer([probe]).Fit(experiment, data);
        Assert.True(experiment.History.CompletedSteps >= 50);
        long growth = probe.AtStep50 - probe.AtStep10;
        Assert.True(growth < 40L << 20, $"RSS grew {growth >> 20} MB between step 10 and step 50");
    }

    private sealed class RssProbe : ITrainingCallback
    {
        public long AtStep10 { get; private set; }
        public long AtStep50 { get; private set; }

        public void OnStep(Experiment experiment, TrainingProgress progress)
        {
            if (progress.Step is not (10 or 50)) return;
            // No GC.Collect here: finalizers would free leaked tensors and hide exactly the leak this looks for.
            // malloc_trim only returns pages glibc already holds free (after a whole suite in this process its
            // heaps wander by tens of MB with no leak, which failed CI once); a leaked tensor is still allocated.
            ProcessMemory.ReleaseFreedNativeMemory();
            long resident = ProcessMemory.ResidentBytes();
            if (progress.Step == 10) AtStep10 = resident;
            else AtStep50 = resident;
        }
    }
}
