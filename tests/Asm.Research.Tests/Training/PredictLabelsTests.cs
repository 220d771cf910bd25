using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Training;
using static TorchSharp.torch;

namespace Asm.Research.Tests.Training;

/// <summary>
/// <see cref="Experiment.PredictLabels"/>: each image's label map is the argmax of S's logits for that image, in
/// sample order, whatever the batching (3 per batch over 4 samples: a short last batch).
/// </summary>
[Collection(nameof(SequentialCollection))]
public sealed class PredictLabelsTests
{
    private const int H = 32, W = 48;

    private static ExperimentConfig Config(string method, Asm.Research.Data.Tasks.SegmentationTask task) => TinyConfigs.For(method, epochs: 1) with
    {
        Task = task,
        Data = new DataConfig { Size = new ImageSize(H, W), Prefetch = 1 },
        Training = TinyConfigs.For(method).Training with { BatchSize = 3 },
    };

    [Fact]
    public void Multi_class_labels_are_the_argmax_of_each_images_logits()
    {
        var samples = MultiClassData.Make(0, 4, H, W).Test;
        using var experiment = Experiment.Create(Config("ce", Tasks.FiveClasses));
        Scramble(experiment.Predictor);
        bool wasTraining = experiment.Predictor.training;
        var labels = experiment.PredictLabels(samples);
        Assert.Equal(wasTraining, experiment.Predictor.training); // eval mode only while predicting
        // The logits of each image alone, as a batch of one: the order of the results must follow the samples.
        var logitsOf = samples.Select(s => Logits(experiment, s)).ToArray();

        Assert.Equal(samples.Count, labels.Length);
        var distinct = new HashSet<byte>();
        for (int i = 0; i < samples.Count; i++)
        {
            var logits = logitsOf[i]; // C × (H·W)
            Assert.Equal(H * W, labels[i].Length);
            for (int p = 0; p < H * W; p++)
            {
                int label = labels[i][p];
                Assert.InRange(label, 0, 4);
                float best = Enumerable.Range(0, 5).Max(c => logits[c][p]);
                // Equal to the argmax, up to float noise between batch sizes on a near tie.
                Assert.True(logits[label][p] >= best - 1e-4f, $"image {i}, pixel {p}: label {label} has logit {logits[label][p]}, the largest is {best}");
                distinct.Add(labels[i][p]);
            }
        }
        Assert.True(distinct.Count >= 2, "S predicts one class everywhere: the test would not tell argmax from a constant");
    }

    [Fact]
    public void Binary_labels_are_one_where_the_probability_exceeds_a_half()
    {
        var samples = MultiClassData.Make(0, 4, H, W).Test; // only the images matter here
        using var experiment = Experiment.Create(Config("bce", Asm.Research.Data.Tasks.SegmentationTask.FigureGround));
        var labels = experiment.PredictLabels(samples);
        var probabilities = experiment.Predict(samples);
        for (int i = 0; i < samples.Count; i++)
            Assert.Equal(probabilities[i].Select(p => (byte)(p > 0.5f ? 1 : 0)), labels[i]);
    }

    // A freshly made S's logits barely vary over an image (its head's bias dominates), so its argmax is one class
    // everywhere; large random weights throughout make different classes win in different pixels.
    private static void Scramble(Asm.Research.Models.UNet predictor)
    {
        using var noGrad = no_grad();
        var generator = new TorchSharp.torch.Generator(7);
        foreach (var (name, parameter) in predictor.named_parameters())
            if (name.EndsWith("weight", StringComparison.Ordinal) && parameter.dim() == 4)
                parameter.copy_(randn(parameter.shape, generator: generator));
    }

    private static float[][] Logits(Experiment experiment, SegmentationSample sample)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        bool wasTraining = experiment.Predictor.training;
        experiment.Predictor.eval();
        var images = ImageNormalization.Normalize(tensor(sample.Image, [1, 3, sample.Height, sample.Width]));
        var logits = experiment.Predictor.forward(images)[0].cpu();
        experiment.Predictor.train(wasTraining);
        return Enumerable.Range(0, (int)logits.shape[0]).Select(c => logits[c].flatten().data<float>().ToArray()).ToArray();
    }
}
