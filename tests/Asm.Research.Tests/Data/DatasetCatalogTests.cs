using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Data.Catalog;

namespace Asm.Research.Tests.Data;

/// <summary>The catalog's names, built-ins and auto-detection of folder layouts.</summary>
public sealed class DatasetCatalogTests : IDisposable
{
    private readonly LabelFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void FormatsAreRegisteredInOrder()
    {
        Assert.Equal(["synthetic", "scenes", "weizmann", "camvid", "labelmaps"], DatasetCatalog.Names);
        Assert.IsType<SyntheticScenesFormat>(DatasetCatalog.Resolve(new DataConfig { Source = "scenes" }));
        Assert.IsType<SyntheticScenesFormat>(DatasetCatalog.Resolve(new DataConfig { Source = "Scenes" }));
    }

    [Fact]
    public void RealFoldersResolveToTheirOneFormat()
    {
        Assert.True(Directory.Exists(TestPaths.WeizmannFolder), $"Weizmann database not found at {TestPaths.WeizmannFolder}");
        Assert.True(Directory.Exists(TestPaths.CamVidFolder), $"CamVid not found at {TestPaths.CamVidFolder}");
        Assert.Equal(["weizmann"], DatasetCatalog.All.Where(f => f.Matches(TestPaths.WeizmannFolder)).Select(f => f.Name));
        Assert.Equal(["camvid"], DatasetCatalog.All.Where(f => f.Matches(TestPaths.CamVidFolder)).Select(f => f.Name));
        Assert.IsType<WeizmannFormat>(DatasetCatalog.Resolve(new DataConfig { Source = TestPaths.WeizmannFolder }));
        Assert.IsType<CamVidFormat>(DatasetCatalog.Resolve(new DataConfig { Source = TestPaths.CamVidFolder }));
        Assert.Equal(11, DatasetCatalog.TaskOf(new DataConfig { Source = TestPaths.CamVidFolder }).ClassCount);
    }

    [Fact]
    public void LabelMapsFolderResolvesToLabelMaps()
    {
        Directory.CreateDirectory(_files.PathOf("images"));
        Directory.CreateDirectory(_files.PathOf("labels"));
        Assert.IsType<LabelMapsFormat>(DatasetCatalog.Resolve(new DataConfig { Source = _files.Root }));
    }

    [Theory]
    [InlineData("camvid", "weizmann")]
    [InlineData("camvid", "labelmaps")]
    public void FolderWithTwoLayoutsIsRefusedAsAmbiguous(string first, string second)
    {
        foreach (var layout in new[] { first, second })
        {
            string[] dirs = layout switch
            {
                "camvid" => ["train", "trainannot", "val", "valannot"],
                "weizmann" => ["rgb", "figure_ground"],
                _ => ["images", "masks"],
            };
            foreach (var d in dirs) Directory.CreateDirectory(_files.PathOf(d));
        }
        var config = new DataConfig { Source = _files.Root };
        var e = Assert.Throws<DataException>(() => DatasetCatalog.Resolve(config));
        Assert.Contains(_files.Root, e.Message);
        Assert.Contains("more than one layout", e.Message);
        Assert.Contains(first, e.Message);
        Assert.Contains(second, e.Message);
        Assert.IsType<CamVidFormat>(DatasetCatalog.Resolve(config with { Format = "camvid" }));
    }

    [Fact]
    public void CamVidNeedsASplitFileOrValFolders()
    {
        Directory.CreateDirectory(_files.PathOf("train"));
        Directory.CreateDirectory(_files.PathOf("trainannot"));
        Assert.False(new CamVidFormat().Matches(_files.Root));
        _files.Text("train.txt", "");
        Assert.True(new CamVidFormat().Matches(_files.Root));
    }

    [Fact]
    public void HoldoutTakesTheTailOfTheTrainingSplitAsTheTestSplit()
    {
        var config = new DataConfig { Source = "scenes", Size = 32, SyntheticTrain = 10, SyntheticTest = 3 };
        var full = DatasetCatalog.Load(config);
        var held = DatasetCatalog.Load(config with { Holdout = 0.25 });
        // ⌈0.25 × 10⌉ = 3 held out: training keeps the first 7 in order, the test split is the last 3; the own test split is unused.
        Assert.Equal(7, held.Train.Count);
        Assert.Equal(3, held.Test.Count);
        Assert.Equal(full.Train.Take(7).Select(s => s.Name), held.Train.Select(s => s.Name));
        Assert.Equal(full.Train.Skip(7).Select(s => s.Name), held.Test.Select(s => s.Name));
        Assert.Contains("held out", held.Description);
    }

    [Theory]
    [InlineData(0.95)]
    [InlineData(-0.1)]
    public void HoldoutOutsideItsBoundsIsRefused(double holdout)
    {
        var config = new DataConfig { Source = "scenes", Size = 32, SyntheticTrain = 10, SyntheticTest = 3, Holdout = holdout };
        var e = Assert.Throws<DataException>(() => DatasetCatalog.Load(config));
        Assert.Contains("data.holdout", e.Message);
        Assert.Equal("data.holdout", Assert.Single(ConfigBounds.Problems(new ExperimentConfig { Data = config })).Key);
    }
}
