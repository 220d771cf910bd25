using Asm.Research.Configuration;
using Asm.Research.Data.Tasks;
using Asm.Research.Models;
using Asm.Research.Training;
using Asm.Research.Visuals;

namespace Asm.Research.Tests.Training;

/// <summary>
/// What A reads for a multi-class sample (<see cref="Experiment.AnalyzerInputs"/>): one-hot truth, softmax prediction and
/// one-hot argmax, all zero vectors at void; the analyzer views take those C-channel, non-square maps.
/// </summary>
[Collection(nameof(SequentialCollection))]
public sealed class AnalyzerInputsTests
{
    private const int H = 32, W = 48, C = 5;

    private static ExperimentConfig Config(string method) => TinyConfigs.For(method, epochs: 1) with
    {
        Task = Tasks.FiveClasses,
        Data = new DataConfig { Size = new ImageSize(H, W), Prefetch = 1 },
    };

    [Fact]
    public void Maps_are_one_hot_truth_softmax_and_one_hot_argmax_and_zero_at_void()
    {
        var samples = MultiClassData.Make(0, 3, H, W).Test;
        using var experiment = Experiment.Create(Config("asm+ce"));
        var inputs = experiment.AnalyzerInputs(samples);
        var predicted = experiment.PredictLabels(samples);
        const int plane = H * W;
        int voidPixels = 0;
        for (int i = 0; i < samples.Count; i++)
        {
            var input = inputs[i];
            Assert.Equal((C, H, W), (input.Channels, input.Height, input.Width));
            for (int p = 0; p < plane; p++)
            {
                int label = (int)samples[i].Mask[p];
                float Sum(float[] map) => Enumerable.Range(0, C).Sum(c => map[c * plane + p]);
                if (label == SegmentationTask.VoidLabel)
                {
                    voidPixels++;
                    Assert.Equal(0f, Sum(input.Truth));
                    Assert.Equal(0f, Sum(input.Prediction));
                    Assert.Equal(0f, Sum(input.HardNegative));
                    continue;
                }
                Assert.Equal(1f, input.Truth[label * plane + p]);
                Assert.Equal(1f, Sum(input.Truth));
                Assert.Equal(1f, Sum(input.Prediction), 4);
                Assert.Equal(1f, input.HardNegative[predicted[i][p] * plane + p]);
                Assert.Equal(1f, Sum(input.HardNegative));
            }
        }
        Assert.True(voidPixels > 0, "the samples have no void pixels: the test would not see them zeroed");
    }

    [Fact]
    public void Only_asm_runs_have_an_analyzer_and_its_views_take_multi_class_maps()
    {
        using (var ce = Experiment.Create(Config("ce"))) Assert.Null(ce.Analyzer);
        var sample = MultiClassData.Make(0, 1, H, W).Test[0];
        using var experiment = Experiment.Create(Config("asm+ce"));
        var analyzer = Assert.IsType<StructureAnalyzer>(experiment.Analyzer);
        var input = experiment.AnalyzerInputs([sample])[0];

        var grid = AnalyzerViews.FeatureGrid(analyzer, input, experiment.Device);
        Assert.Equal(4 * StructureAnalyzer.FeatureCount, grid.Tiles.Count); // rows y, p, n and the colour bar's row
        Assert.Equal("y · φ1", grid.Tiles[0].Title![..6]);
        // The truth against itself: every feature's distance is 0.
        var same = AnalyzerViews.DistanceRow(analyzer, input.Truth, input.Truth, H, W, experiment.Device, "y");
        Assert.All(same, tile => Assert.EndsWith("mean 0.000", tile.Title));
        var planes = AnalyzerViews.InputPlanes(input, Tasks.FiveClasses.ClassNames);
        Assert.Equal(3 * C, planes.Tiles.Count);
        Assert.Equal("p · c", planes.Tiles[C + 2].Title);
        Assert.Throws<ArgumentException>(() => AnalyzerViews.InputPlanes(input, ["a", "b"]));
    }
}
