using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Interop;
using Asm.Research.Training;
using Asm.Research.Training.Checkpoints;
using static TorchSharp.torch;

namespace Asm.Research.Tests.Training;

public sealed class InitFromTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("asm-init-from-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void AssertSameWeights(nn.Module expected, nn.Module actual)
    {
        var a = expected.state_dict();
        var b = actual.state_dict();
        Assert.Equal(a.Keys, b.Keys);
        foreach (var (name, tensor) in a)
            Assert.True(tensor.equal(b[name]).all().item<bool>(), $"{name} differs");
    }

    private string TrainSource(ExperimentConfig config, SegmentationDataset data)
    {
        string run = Path.Combine(_dir, "source");
        ExperimentRunner.Run(config, data, new RunOptions { OutputDirectory = run });
        return run;
    }

    [Fact]
    public void A_new_run_starts_with_the_source_run_final_predictor_from_a_folder_or_an_exported_file()
    {
        var bce = TinyConfigs.For("bce", epochs: 1);
        var data = DataSources.Load(bce.Data);
        string source = TrainSource(bce, data);
        using var trained = Checkpoint.Load(source);
        string exported = Path.Combine(_dir, "predictor.pt");
        PyTorchStateDict.Save(trained.Predictor, exported);

        // Another method and seed: only S's weights come from the source.
        var second = TinyConfigs.For("asm+bce", epochs: 1, seed: 5);
        foreach (var from in new[] { source, Path.Combine(source, "checkpoint"), exported })
        {
            using var started = Experiment.Create(second with { Training = second.Training with { InitFrom = from } });
            AssertSameWeights(trained.Predictor, started.Predictor);
        }
        using var fresh = Experiment.Create(second);
        Assert.False(fresh.Predictor.state_dict()["head.weight"].equal(trained.Predictor.state_dict()["head.weight"]).all().item<bool>(),
            "without init-from the predictor starts from its seed, not from the source");
    }

    [Fact]
    public void A_resumed_run_keeps_its_own_checkpoint_and_does_not_read_the_source_again()
    {
        var bce = TinyConfigs.For("bce", epochs: 1);
        var data = DataSources.Load(bce.Data);
        string source = TrainSource(bce, data);
        var second = bce with { Training = bce.Training with { Epochs = 2, Seed = 1, InitFrom = source } };
        string run = Path.Combine(_dir, "second");
        using (var cancellation = new CancellationTokenSource())
        {
            Assert.ThrowsAny<OperationCanceledException>(() => ExperimentRunner.Run(second, data,
                new RunOptions { OutputDirectory = run, Callbacks = [new CancelAfterFirstEpoch(cancellation)] }, cancellation.Token));
        }
        Assert.Equal(source, Checkpoint.ReadManifest(run).Config.Training.InitFrom); // recorded with the config

        Directory.Delete(source, recursive: true); // a resume that re-read it would now fail
        using var resumed = Checkpoint.Load(run, expected: second);
        using var saved = Checkpoint.Load(run);
        AssertSameWeights(saved.Predictor, resumed.Predictor);
        var finished = ExperimentRunner.Run(second, data, new RunOptions { OutputDirectory = run, Resume = true });
        Assert.Equal(2, finished.Epochs);

        // Resuming with another (or no) init-from is another config: refused, naming the key.
        var error = Assert.Throws<CheckpointException>(() => Checkpoint.Load(run, expected: second with { Training = second.Training with { InitFrom = null } }));
        Assert.Contains("training.initFrom", error.Message);
    }

    [Fact]
    public void An_incompatible_source_is_refused_naming_it()
    {
        var narrow = TinyConfigs.For("bce", epochs: 1);
        var data = DataSources.Load(narrow.Data);
        string source = TrainSource(narrow, data);
        var wide = narrow with { Predictor = narrow.Predictor with { Width = 8 }, Training = narrow.Training with { InitFrom = source } };
        var error = Assert.Throws<CheckpointException>(() => Experiment.Create(wide));
        Assert.Contains(Path.Combine(source, "checkpoint"), error.Message);
        Assert.Contains("shape", error.Message);
    }

    private sealed class CancelAfterFirstEpoch(CancellationTokenSource cancellation) : ITrainingCallback
    {
        public void OnEpochEnd(Experiment experiment, EpochRecord record) => cancellation.Cancel();
    }
}
