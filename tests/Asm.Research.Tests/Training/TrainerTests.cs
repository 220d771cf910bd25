using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Training;

namespace Asm.Research.Tests.Training;

public sealed class TrainerTests
{
    private static (Experiment Experiment, SegmentationDataset Data) Fit(ExperimentConfig config, params ITrainingCallback[] callbacks) =>
        Fit(config, Experiment.Create, callbacks);

    private static (Experiment Experiment, SegmentationDataset Data) Fit(ExperimentConfig config,
        Func<ExperimentConfig, TrainingHistory?, Experiment> create, params ITrainingCallback[] callbacks)
    {
        var data = DataSources.Load(config.Data);
        var experiment = create(config, null);
        new Trainer(callbacks).Fit(experiment, data);
        return (experiment, data);
    }

    [Fact]
    public void Bce_loss_falls_on_synthetic_horses()
    {
        var config = TinyConfigs.For("bce", epochs: 12) with
        {
            Data = new DataConfig { Size = 32, SyntheticTrain = 32, SyntheticTest = 8, Prefetch = 1, ScaleCrop = false, ColorJitter = false },
        };
        var (experiment, _) = Fit(config);
        using (experiment)
        {
            var epochs = experiment.History.Epochs;
            Assert.Equal(12, epochs.Count);
            double first = experiment.History.Steps[0].Losses["bce"], last = epochs[^1].MeanLosses["bce"];
            // A smoke test: at this size 12 epochs mostly learn the foreground prior (test IoU stays
            // near 0), but a wrong gradient sign or a dead optimiser would not lower the loss at all.
            Assert.True(last < 0.85 * first, $"BCE went from {first:0.000} (first step) to {last:0.000} (last epoch)");
            Assert.NotNull(epochs[^1].Test);
        }
    }

    [Fact]
    public void Same_seed_gives_the_same_losses_to_the_last_digit_and_another_seed_does_not()
    {
        double[] Losses(int seed)
        {
            var (experiment, _) = Fit(TinyConfigs.For("asm", epochs: 1, seed: seed));
            using (experiment) return experiment.History.Steps.Select(s => s.Losses["match"]).ToArray();
        }
        var first = Losses(3);
        Assert.Equal(first, Losses(3));
        Assert.NotEqual(first, Losses(4));
    }

    [Theory]
    [InlineData("asm")]
    [InlineData("asm+bce")]
    [InlineData("cgan")]
    public void Every_method_trains_with_finite_losses(string method)
    {
        var (experiment, _) = Fit(TinyConfigs.For(method, epochs: 1));
        using (experiment)
        {
            Assert.NotEmpty(experiment.History.Steps);
            Assert.All(experiment.History.Steps, s => Assert.All(s.Losses.Values, v => Assert.True(double.IsFinite(v))));
            string[] expected = method == "cgan" ? ["bce", "g", "d"] : ["match", "adv", "rec", "bce"];
            Assert.Equal(expected.Order(), experiment.History.Steps[0].Losses.Keys.Order());
        }
    }

    [Fact]
    public void Asm_step_updates_the_analyzer_and_the_predictor()
    {
        var config = TinyConfigs.For("asm", epochs: 1);
        var data = DataSources.Load(config.Data);
        using var experiment = Experiment.Create(config);
        var method = (Asm.Research.Training.Methods.AsmMethod)experiment.Method;
        var analyzerBefore = method.Analyzer.parameters().First().detach().clone();
        var predictorBefore = method.Predictor.parameters().First().detach().clone();
        new Trainer().Fit(experiment, data);
        Assert.False(analyzerBefore.equal(method.Analyzer.parameters().First()).all().item<bool>());
        Assert.False(predictorBefore.equal(method.Predictor.parameters().First()).all().item<bool>());
    }

    [Fact]
    public void A_huge_learning_rate_stops_with_a_clear_message_naming_the_loss()
    {
        var config = TinyConfigs.For("bce", epochs: 3) with { Optimizer = new OptimizerConfig { LearningRate = 1e12, PolyPower = 0 } };
        var data = DataSources.Load(config.Data);
        // Out of ConfigBounds on purpose: the trainer's guard must hold without them.
        using var experiment = Experiment.CreateWithoutBounds(config);
        var error = Assert.Throws<NonFiniteLossException>(() => new Trainer().Fit(experiment, data));
        Assert.Contains("'bce' loss became", error.Message);
        Assert.Contains("learningRate", error.Message);
    }

    [Fact]
    public void Cancellation_stops_between_steps()
    {
        var config = TinyConfigs.For("bce", epochs: 5);
        var data = DataSources.Load(config.Data);
        using var experiment = Experiment.Create(config);
        using var cancellation = new CancellationTokenSource();
        var stopAfterTwo = new StepCounter(2, cancellation);
        Assert.ThrowsAny<OperationCanceledException>(() => new Trainer([stopAfterTwo]).Fit(experiment, data, cancellation.Token));
        Assert.Equal(2, experiment.History.CompletedSteps);
        Assert.Equal(0, experiment.History.CompletedEpochs);
    }

    private sealed class StepCounter(int limit, CancellationTokenSource cancellation) : ITrainingCallback
    {
        public void OnStep(Experiment experiment, TrainingProgress progress)
        {
            if (progress.Step >= limit) cancellation.Cancel();
        }
    }

    [Fact]
    public void Non_finite_batchnorm_statistics_stop_training_though_the_loss_is_finite()
    {
        // Batch 1 at 16×16: the bottleneck is 1×1, so BatchNorm sees one value per channel (ConfigBounds refuses this config; the Trainer does not check bounds).
        var config = TinyConfigs.For("bce", epochs: 1) with
        {
            Data = new DataConfig { Size = 16, SyntheticTrain = 4, SyntheticTest = 2, Prefetch = 1 },
            Training = new TrainingConfig { Epochs = 1, BatchSize = 1, Threads = 1 },
        };
        var e = Assert.Throws<NonFiniteLossException>(() => Fit(config, Experiment.CreateWithoutBounds).Experiment.Dispose());
        Assert.Contains("running_var", e.Message);
        Assert.Contains("BatchNorm", e.Message);
    }
}
