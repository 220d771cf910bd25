using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Training;
using Asm.Research.Training.Heads;
using Asm.Research.Training.Methods;
using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Tests.Training;

/// <summary>Every multi-class method trains end to end on a tiny five-class dataset at a rectangular size.</summary>
[Collection(nameof(SequentialCollection))]
public sealed class MultiClassTrainingTests
{
    private static readonly SegmentationDataset Data = MultiClassData.Make(8, 4, 32, 48);

    private static ExperimentConfig Config(string method) => TinyConfigs.For(method, epochs: 1) with
    {
        Task = Tasks.FiveClasses,
        Data = new DataConfig { Size = new ImageSize(method == "cgan" ? 64 : 32, method == "cgan" ? 96 : 48), Prefetch = 1 },
    };

    [Theory]
    [InlineData("ce")]
    [InlineData("asm")]
    [InlineData("asm+ce")]
    [InlineData("ce+dice")]
    [InlineData("ce+lovasz")]
    [InlineData("ce+aaf")]
    public void A_multi_class_method_trains_and_scores_per_class(string method)
    {
        var config = Config(method);
        var result = ExperimentRunner.Run(config, Data, new RunOptions());
        Assert.Equal(method, result.Method);
        Assert.Null(result.Test.Iou);
        Assert.InRange(result.Test.MIou, 0, 1);
        var classes = Assert.IsType<Asm.Research.Metrics.Classes.ClassScores>(result.Test.Classes);
        Assert.Equal(["a", "b", "c", "d", "e"], classes.Classes);
        Assert.Equal(5, classes.Confusion.Length);
        // Void pixels are not counted: 4 test images of 32×48 minus their 3×3 void squares.
        Assert.Equal(4L * (32 * 48 - 9), classes.Confusion.Sum(row => row.Sum()));
        Assert.Equal(Tasks.FiveClasses, result.Config!.Task);
    }

    [Fact]
    public void A_binary_method_on_multi_class_data_is_refused_naming_its_equivalent()
    {
        var e = Assert.Throws<ConfigException>(() => ExperimentRunner.Run(Config("bce"), Data, new RunOptions()));
        Assert.Contains("use ce", e.Message);
        var f = Assert.Throws<ConfigException>(() => ExperimentConfig.ForMethod("ce").WithTask(Asm.Research.Data.Tasks.SegmentationTask.FigureGround));
        Assert.Contains("use bce", f.Message);
    }

    [Fact]
    public void The_softmax_head_zeroes_void_in_every_map_the_analyzer_reads()
    {
        using var scope = NewDisposeScope();
        var head = new SoftmaxHead(3);
        // One image, 1×3 pixels: labels 0, void, 2.
        var labels = tensor(new float[] { 0, 255, 2 }, [1, 1, 1, 3]);
        var logits = tensor(new float[] { 2, 0, 0, /* c1 */ 0, 3, 0, /* c2 */ 0, 0, 1 }, [1, 3, 1, 3]);
        var truth = head.TruthMap(labels);
        Assert.Equal(new float[] { 1, 0, 0, 0, 0, 0, 0, 0, 1 }, truth.data<float>().ToArray());
        var p = head.PredictionMap(logits, labels);
        Assert.Equal(0f, p[0, .., 0, 1].sum().item<float>());
        Assert.Equal(1f, p[0, .., 0, 0].sum().item<float>(), 5);
        var negative = head.HardNegative(p, labels);
        Assert.Equal(new float[] { 1, 0, 0, 0, 0, 0, 0, 0, 1 }, negative.data<float>().ToArray());
        Assert.Equal(new long[] { 0, 1, 2 }, head.Predict(logits).data<long>().ToArray());
    }

    [Fact]
    public void Median_frequency_weights_are_resolved_from_the_training_split()
    {
        var config = Config("ce") with { Loss = ExperimentConfig.ForMethod("ce").Loss with { ClassWeighting = ClassWeighting.MedianFrequency } };
        using var experiment = Experiment.Create(config);
        experiment.Method.Prepare(Data);
        var weights = ((TrainingMethod)experiment.Method).ClassWeights;
        Assert.NotNull(weights);
        Assert.Equal(5, weights!.Length);
        Assert.All(weights, w => Assert.True(w > 0));
    }

    [Fact]
    public void Data_of_other_classes_than_the_config_is_refused_with_both_descriptions()
    {
        var config = Config("ce");
        using var experiment = Experiment.Create(config);
        var binary = new SegmentationDataset("binary", Data.Train, Data.Test);
        var e = Assert.Throws<DataException>(() => experiment.Method.Prepare(binary));
        Assert.Contains("5 classes", e.Message);
        Assert.Contains("binary", e.Message);
    }
}
