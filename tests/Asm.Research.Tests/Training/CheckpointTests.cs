using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Training;
using Asm.Research.Training.Checkpoints;

namespace Asm.Research.Tests.Training;

public sealed class CheckpointTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"asm-ckpt-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Resuming_an_interrupted_run_continues_the_same_loss_curve()
    {
        var config = TinyConfigs.For("asm", epochs: 3);
        var data = DataSources.Load(config.Data);
        string straight = Path.Combine(_dir, "straight"), interrupted = Path.Combine(_dir, "interrupted");
        ExperimentRunner.Run(config, data, new RunOptions { OutputDirectory = straight });

        using (var cancellation = new CancellationTokenSource())
        {
            var stopAfterFirstEpoch = new CancelAtEpochEnd(1, cancellation);
            Assert.ThrowsAny<OperationCanceledException>(() => ExperimentRunner.Run(config, data,
                new RunOptions { OutputDirectory = interrupted, Callbacks = [stopAfterFirstEpoch] }, cancellation.Token));
        }
        Assert.False(File.Exists(Path.Combine(interrupted, ExperimentRunner.ResultFile)), "an interrupted run must not leave a result.json");
        Assert.Equal(1, Checkpoint.ReadManifest(interrupted).Epoch);

        ExperimentRunner.Run(config, data, new RunOptions { OutputDirectory = interrupted, Resume = true });

        var a = Checkpoint.ReadManifest(straight).History.Steps.Select(s => s.Losses["match"]).ToArray();
        var b = Checkpoint.ReadManifest(interrupted).History.Steps.Select(s => s.Losses["match"]).ToArray();
        Assert.Equal(a.Length, b.Length);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Round_trip_keeps_weights_history_and_predictions()
    {
        var config = TinyConfigs.For("bce", epochs: 1);
        var data = DataSources.Load(config.Data);
        using var experiment = Experiment.Create(config);
        new Trainer().Fit(experiment, data);
        Checkpoint.Save(experiment, _dir);

        using var loaded = Checkpoint.Load(_dir);
        Assert.Equal(ConfigJson.Serialize(config), ConfigJson.Serialize(loaded.Config));
        Assert.Equal(experiment.History.CompletedSteps, loaded.History.CompletedSteps);
        Assert.Equal(experiment.Predict(data.Test)[0], loaded.Predict(data.Test)[0]);
        Assert.False(Directory.EnumerateDirectories(Path.GetDirectoryName(_dir)!, Path.GetFileName(_dir) + ".*-*").Any(),
            "temporary checkpoint folders were left behind");
    }

    [Fact]
    public void A_corrupt_state_file_is_refused_naming_the_file()
    {
        SaveTiny();
        string file = Path.Combine(_dir, "predictor.tensors");
        var bytes = File.ReadAllBytes(file);
        bytes[^10] ^= 0xFF;
        File.WriteAllBytes(file, bytes);
        var error = Assert.Throws<CheckpointException>(() => Checkpoint.Load(_dir));
        Assert.Contains("predictor.tensors", error.Message);
        Assert.Contains("corrupt", error.Message);
    }

    [Fact]
    public void A_truncated_manifest_is_refused_naming_the_file()
    {
        SaveTiny();
        string manifest = Path.Combine(_dir, Checkpoint.ManifestFile);
        File.WriteAllText(manifest, File.ReadAllText(manifest)[..100]);
        var error = Assert.Throws<CheckpointException>(() => Checkpoint.Load(_dir));
        Assert.Contains(Checkpoint.ManifestFile, error.Message);
    }

    [Fact]
    public void A_checkpoint_from_another_config_is_refused_naming_the_key()
    {
        var config = SaveTiny();
        var other = config with { Asm = config.Asm with { Margin = 0.5 } };
        var error = Assert.Throws<CheckpointException>(() => Checkpoint.Load(_dir, expected: other));
        Assert.Contains("asm.margin", error.Message);
    }

    [Fact]
    public void Weights_of_another_shape_are_refused_naming_the_tensor()
    {
        SaveTiny();
        RewriteConfig(_dir, TinyConfigs.For("bce", epochs: 1) with { Predictor = new UNetConfig { Width = 8 } });
        var error = Assert.Throws<CheckpointException>(() => Checkpoint.Load(_dir));
        Assert.Contains("predictor.tensors", error.Message);
        Assert.Contains("another config", error.Message);
    }

    [Fact]
    public void A_missing_folder_is_refused_naming_it()
    {
        var error = Assert.Throws<CheckpointException>(() => Checkpoint.Load(_dir));
        Assert.Contains(_dir, error.Message);
    }

    private ExperimentConfig SaveTiny()
    {
        var config = TinyConfigs.For("bce", epochs: 1);
        using var experiment = Experiment.Create(config);
        Checkpoint.Save(experiment, _dir);
        return config;
    }

    private static void RewriteConfig(string dir, ExperimentConfig config)
    {
        string path = Path.Combine(dir, Checkpoint.ManifestFile);
        var manifest = ConfigJson.Deserialize<CheckpointManifest>(File.ReadAllText(path));
        File.WriteAllText(path, ConfigJson.Serialize(manifest with { Config = config }));
    }
}
