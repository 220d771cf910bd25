using System.Runtime.InteropServices;
using Asm.Research.Data;
using Asm.Research.Training;
using Asm.Research.Training.Checkpoints;

namespace Asm.Research.Tests.Training;

/// <summary>A libtorch failure mid-run ends it with how far it got (the checkpoint of the last complete epoch kept), not a stack trace.</summary>
public sealed class NativeFaultTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("asm-fault-").FullName;

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Throws what TorchSharp throws for a native error, at the first step of <paramref name="epoch"/>.</summary>
    private sealed class FaultInEpoch(int epoch) : ITrainingCallback
    {
        public void OnStep(Experiment experiment, TrainingProgress progress)
        {
            if (progress.Epoch == epoch) throw new ExternalException("[enforce fail at alloc_cpu.cpp:117] DefaultCPUAllocator: not enough memory\nException raised from ...");
        }
    }

    [Fact]
    public void A_native_fault_in_epoch_two_names_epoch_one_and_keeps_its_checkpoint()
    {
        var config = TinyConfigs.For("bce", epochs: 3);
        string output = Path.Combine(_dir, "run");
        var options = new RunOptions { OutputDirectory = output, Callbacks = [new FaultInEpoch(2)] };

        var fault = Assert.Throws<NativeFaultException>(() => ExperimentRunner.Run(config, DataSources.Load(config.Data), options));

        Assert.Equal(1, fault.LastCompleteEpoch);
        Assert.Contains("the last complete epoch is 1 of 3", fault.Message);
        Assert.Contains("not enough memory", fault.Message);
        Assert.DoesNotContain("\n", fault.Message);
        Assert.Equal(1, Checkpoint.ReadManifest(Path.Combine(output, "checkpoint")).Epoch);
        Assert.EndsWith("; resume with: asm train --resume", fault.WithResume("asm train --resume").Message);
    }
}
