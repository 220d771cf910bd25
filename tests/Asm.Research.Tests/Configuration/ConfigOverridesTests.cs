using Asm.Research.Configuration;

namespace Asm.Research.Tests.Configuration;

public sealed class ConfigOverridesTests
{
    [Fact]
    public void Defaults_are_the_design_values()
    {
        var c = ExperimentConfig.ForMethod("asm");
        Assert.Equal((128, 40, 8, 16), (c.Data.Size, c.Training.Epochs, c.Training.BatchSize, c.Predictor.Width));
        Assert.Equal([1, 2], c.Asm.Layers);
        Assert.Equal((0.8, 0.012, 1.0, 0.0, 1), (c.Asm.Margin, c.Asm.LambdaAdv, c.Asm.LambdaRec, c.Asm.LambdaSup, c.Asm.PredictorSteps));
        Assert.Equal((1e-2, 0.9, 5e-4, 0.9), (c.Optimizer.LearningRate, c.Optimizer.Momentum, c.Optimizer.WeightDecay, c.Optimizer.PolyPower));
        Assert.Equal([32, 64, 128, 128, 128], c.Analyzer.Widths);
        Assert.Equal((0.01, 1.0, false), (c.Gan.LambdaGan, c.Gan.LambdaSup, c.Gan.ScaleDiscriminatorLoss));
        Assert.Equal(1.0, ExperimentConfig.ForMethod("asm+bce").Asm.LambdaSup);
    }

    [Fact]
    public void Set_reaches_nested_fields_of_every_type()
    {
        var c = ConfigOverrides.Apply(ExperimentConfig.ForMethod("asm"),
            ["asm.margin=0.5", "asm.layers=1,2,3", "asm.lambdaRec=0.25", "asm.hardNegative=false", "training.epochs=7", "optimizer.name=adam", "Data.Size=64"]);
        Assert.Equal(0.5, c.Asm.Margin);
        Assert.Equal([1, 2, 3], c.Asm.Layers);
        Assert.Equal(0.25, c.Asm.LambdaRec);
        Assert.False(c.Asm.HardNegative);
        Assert.Equal(7, c.Training.Epochs);
        Assert.Equal("adam", c.Optimizer.Name);
        Assert.Equal(64, c.Data.Size);
    }

    [Theory]
    [InlineData("asm.nope=1", "asm.nope")]
    [InlineData("training.epochs=many", "training.epochs")]
    [InlineData("training.epochs=2.5", "training.epochs")]
    [InlineData("asm.layers=1,x", "asm.layers")]
    [InlineData("asm.hardNegative=maybe", "asm.hardNegative")]
    [InlineData("asm=1", "asm")]
    [InlineData("margin", "margin")]
    public void Bad_overrides_are_refused_naming_the_key(string assignment, string key)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigOverrides.Apply(new ExperimentConfig(), [assignment]));
        Assert.Contains(key, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Configs_round_trip_through_json()
    {
        var c = ExperimentConfig.ForMethod("asm+bce") with { Asm = new AsmConfig { Layers = [2, 5], Margin = 0.3, LambdaSup = 1 } };
        var back = ConfigJson.Deserialize<ExperimentConfig>(ConfigJson.Serialize(c));
        Assert.Equal(ConfigJson.Serialize(c), ConfigJson.Serialize(back));
    }

    [Fact]
    public void Overrides_after_a_method_preset_are_kept()
    {
        // The bug this guards against: the preset used to be re-applied after every override (λ_sup back to 1).
        var c = ConfigOverrides.Apply(new ExperimentConfig(), ["method=asm+bce", "asm.lambdaSup=0.5"]);
        Assert.Equal(("asm+bce", 0.5), (c.Method, c.Asm.LambdaSup));
        var d = ConfigOverrides.Apply(ExperimentConfig.ForMethod("bce"), ["method=bce+dice", "loss.dice=0.25"]);
        Assert.Equal(("bce+dice", 1.0, 0.25), (d.Method, d.Loss.Bce, d.Loss.Dice));
    }

    [Fact]
    public void A_later_method_preset_that_would_undo_an_override_is_refused_naming_both_keys()
    {
        var error = Assert.Throws<ConfigException>(() =>
            ConfigOverrides.Apply(new ExperimentConfig(), ["asm.lambdaSup=0.5", "method=asm+bce"]));
        Assert.Contains("method=asm+bce", error.Message);
        Assert.Contains("asm.lambdaSup", error.Message);
        // A preset that leaves the explicit value as it is, is fine.
        var c = ConfigOverrides.Apply(new ExperimentConfig(), ["asm.margin=0.4", "method=asm+bce"]);
        Assert.Equal((0.4, 1.0), (c.Asm.Margin, c.Asm.LambdaSup));
    }

    [Fact]
    public void Every_registered_method_has_a_preset_naming_it()
    {
        foreach (var name in ExperimentConfig.Methods)
        {
            var c = ExperimentConfig.ForMethod(name);
            Assert.Equal(name, c.Method);
            Assert.Equal(name, ConfigOverrides.Apply(new ExperimentConfig(), [$"method={name}"]).Method);
        }
        Assert.Equal(1.0, ExperimentConfig.ForMethod("bce+lovasz").Loss.Lovasz);
        Assert.Equal(1.0, ExperimentConfig.ForMethod("aaf").Loss.Aaf);
        Assert.Equal(new LossConfig(), ExperimentConfig.ForMethod("asm").Loss);
        Assert.Throws<ConfigException>(() => ExperimentConfig.ForMethod("nope"));
    }

    [Theory]
    [InlineData("training.epochs=2.5", "whole number")]
    [InlineData("evaluation.boundaryIouErosion=round", "square, disk")]
    [InlineData("method=nope", "unknown method 'nope'")]
    public void Type_errors_say_what_the_field_takes(string assignment, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigOverrides.Apply(new ExperimentConfig(), [assignment]));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Metric_options_are_settable_by_name()
    {
        var c = ConfigOverrides.Apply(new ExperimentConfig(), ["evaluation.boundaryIouErosion=disk", "evaluation.boundaryTolerance=davis"]);
        Assert.Equal((Asm.Research.Metrics.BoundaryErosion.Disk, Asm.Research.Metrics.BoundaryTolerance.Davis), (c.Evaluation.BoundaryIouErosion, c.Evaluation.BoundaryTolerance));
    }
}
