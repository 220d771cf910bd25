using System.Text.Json;
using System.Text.Json.Nodes;
using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Training;

namespace Asm.Research.Tests.Configuration;

/// <summary>One table of bounds for every numeric and list field, shared by the flags and --set, checked before anything runs.</summary>
public sealed class ConfigBoundsTests
{
    [Fact]
    public void Every_numeric_list_and_choice_field_has_a_bound()
    {
        var root = JsonSerializer.SerializeToNode(new ExperimentConfig(), ConfigJson.Options)!;
        var unbounded = ConfigOverrides.Keys(new ExperimentConfig())
            .Where(key => Leaf(root, key) is var node && node?.GetValueKind() is JsonValueKind.Number or JsonValueKind.Array)
            .Except(ConfigBounds.Keys)
            .ToList();
        Assert.Empty(unbounded);
    }

    [Fact]
    public void Every_preset_is_within_bounds()
    {
        foreach (var method in ExperimentConfig.Methods)
        {
            // Each method on a task it trains on: figure-ground where it can, else five classes.
            var task = Asm.Research.Training.Methods.MethodRegistry.Get(method).Tasks.HasFlag(Asm.Research.Data.Tasks.TaskKinds.Binary)
                ? Asm.Research.Data.Tasks.SegmentationTask.FigureGround : Asm.Research.Tests.Training.Tasks.FiveClasses;
            Assert.Empty(ConfigBounds.Problems(ExperimentConfig.ForMethod(method).WithTask(task)));
            Assert.Empty(ConfigBounds.Problems(ExperimentConfig.ForMethod(method).WithTask(task).Quick()));
        }
    }

    [Theory]
    [InlineData("training.epochs=0", "training.epochs")]
    [InlineData("training.epochs=-1", "training.epochs")]
    [InlineData("training.batchSize=0", "training.batchSize")]
    [InlineData("data.size=8", "data.size")]
    [InlineData("data.size=100000", "data.size")]
    [InlineData("data.size=17", "multiple of 2^4 = 16")]
    [InlineData("data.trainCount=-1", "data.trainCount")]
    [InlineData("predictor.width=0", "predictor.width")]
    [InlineData("predictor.depth=10", "multiple of 2^10")]
    [InlineData("analyzer.widths=", "analyzer.widths = (empty)")]
    [InlineData("analyzer.widths=8,8", "exactly 5")]
    [InlineData("optimizer.learningRate=-0.01", "optimizer.learningRate")]
    [InlineData("asm.margin=-0.5", "asm.margin")]
    [InlineData("asm.layers=1,1", "listed twice")]
    [InlineData("data.jitterStrength=-0.2", "data.jitterStrength")]
    [InlineData("data.prefetch=-1", "data.prefetch")]
    [InlineData("training.threads=-1", "training.threads")]
    [InlineData("training.threads=999", "training.threads")]
    [InlineData("optimizer.name=lbfgs", "optimizer.name")]
    public void A_set_value_out_of_range_is_refused_naming_the_key(string assignment, string named)
    {
        var config = ConfigOverrides.Apply(ExperimentConfig.ForMethod("asm"), [assignment]);
        var e = Assert.Throws<ConfigException>(() => ConfigBounds.Validate(config));
        Assert.Contains(named, e.Message);
    }

    [Fact]
    public void Batch_1_is_refused_only_where_batchnorm_would_see_a_single_value()
    {
        var config = ExperimentConfig.ForMethod("bce") with { Training = new TrainingConfig { BatchSize = 1 } };
        var tiny = Assert.Throws<ConfigException>(() => ConfigBounds.Validate(config with { Data = new DataConfig { Size = 16 } }));
        Assert.Contains("BatchNorm", tiny.Message);
        Assert.Empty(ConfigBounds.Problems(config with { Data = new DataConfig { Size = 32 } })); // a 2×2 bottleneck: 4 values
    }

    [Fact]
    public void Cgan_below_its_discriminators_minimum_is_refused_before_building_anything()
    {
        var config = ExperimentConfig.ForMethod("cgan") with { Data = new DataConfig { Size = 48 } };
        Assert.Contains("at least 64 px", Assert.Throws<ConfigException>(() => ConfigBounds.Validate(config)).Message);
        Assert.Empty(ConfigBounds.Problems(config with { Data = new DataConfig { Size = 64 } }));
    }

    [Fact]
    public void A_run_that_cannot_fit_in_memory_is_refused_naming_the_estimate()
    {
        var deep = ExperimentConfig.ForMethod("bce") with { Data = new DataConfig { Size = 1024 }, Predictor = new UNetConfig { Depth = 10 } };
        Assert.Empty(ConfigBounds.Problems(deep));
        // Weights alone: a bottleneck of 16·2^10 channels is ~3.6·10⁹ parameters.
        Assert.True(MemoryEstimate.For(deep).ParameterBytes > 40L << 30);
        if (OperatingSystem.IsLinux())
            Assert.Contains("GB", Assert.Throws<ConfigException>(() => MemoryEstimate.EnsureFits(deep)).Message);
        MemoryEstimate.EnsureFits(ExperimentConfig.ForMethod("asm")); // DESIGN.md's setting fits
    }

    [Fact]
    public void The_runner_refuses_an_untrainable_config_before_writing_anything()
    {
        var config = ExperimentConfig.ForMethod("bce") with { Data = new DataConfig { Size = 32, SyntheticTrain = 4, SyntheticTest = 2 } };
        var data = DataSources.Load(config.Data);
        string output = Path.Combine(Path.GetTempPath(), $"asm-bounds-{Guid.NewGuid():N}");
        var e = Assert.Throws<ConfigException>(() => ExperimentRunner.Run(config with { Training = new TrainingConfig { Epochs = 0 } }, data,
            new RunOptions { OutputDirectory = output }));
        Assert.Contains("training.epochs", e.Message);
        Assert.False(Directory.Exists(output));
    }

    private static JsonNode? Leaf(JsonNode root, string key)
    {
        JsonNode? node = root;
        foreach (var part in key.Split('.')) node = node?[part];
        return node;
    }
}
