using System.Diagnostics;
using Asm.Research.Configuration;
using Asm.Research.Data;

namespace Asm.Research.Tests.Data;

/// <summary>The real database decoded once per test class, at a small size to keep tests fast.</summary>
public sealed class WeizmannFixture
{
    public const int Size = 32;

    public WeizmannFixture()
    {
        var progress = new List<string>();
        var clock = Stopwatch.StartNew();
        Dataset = WeizmannDatabase.Load(TestPaths.WeizmannFolder, new DataConfig { Source = TestPaths.WeizmannFolder, Size = Size },
                                        new SynchronousProgress(progress));
        LoadTime = clock.Elapsed;
        Progress = progress;
    }

    public SegmentationDataset Dataset { get; }

    public IReadOnlyList<string> Progress { get; }

    public TimeSpan LoadTime { get; }

    /// <summary>Unlike Progress&lt;T&gt;, reports on the calling thread, so the list is complete when Load returns.</summary>
    private sealed class SynchronousProgress(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }
}
