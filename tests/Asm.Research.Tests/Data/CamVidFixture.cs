using System.Diagnostics;
using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Data.Catalog;

namespace Asm.Research.Tests.Data;

/// <summary>The real CamVid (../shared/data/camvid) decoded once per test class at 144×192, through the catalog's auto-detection.</summary>
public sealed class CamVidFixture
{
    public static readonly ImageSize Size = new(144, 192);

    public CamVidFixture()
    {
        if (!File.Exists(Path.Combine(TestPaths.CamVidFolder, "train.txt")))
            throw new InvalidOperationException(
                $"CamVid not found at {TestPaths.CamVidFolder} (expected train.txt, train/, trainannot/, val/, valannot/); these tests read the shared copy.");
        Config = new DataConfig { Source = TestPaths.CamVidFolder, Size = Size };
        var clock = Stopwatch.StartNew();
        Dataset = DatasetCatalog.Load(Config);
        LoadTime = clock.Elapsed;
    }

    public DataConfig Config { get; }

    public SegmentationDataset Dataset { get; }

    public TimeSpan LoadTime { get; }
}
