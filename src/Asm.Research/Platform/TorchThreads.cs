using TorchSharp;

namespace Asm.Research.Platform;

/// <summary>
/// Temporarily limits torch's intra-op threads. Many tiny ops (per-mask metrics) ran ~10× slower
/// with 2 OpenMP threads than with 1 when the other core was busy (measured here).
/// </summary>
public sealed class TorchThreads : IDisposable
{
    private readonly int _previous;

    private TorchThreads(int threads)
    {
        _previous = torch.get_num_threads();
        if (threads != _previous) torch.set_num_threads(threads);
    }

    /// <summary>Uses at most <paramref name="threads"/> threads until disposed, then restores the previous count.</summary>
    public static TorchThreads Limit(int threads) => new(Math.Max(1, Math.Min(threads, torch.get_num_threads())));

    /// <inheritdoc />
    public void Dispose()
    {
        if (torch.get_num_threads() != _previous) torch.set_num_threads(_previous);
    }
}
