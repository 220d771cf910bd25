namespace Asm.Research.Tests;

/// <summary>
/// Collections and finalizers back to back on another thread until disposed: the worst a run's data loader can do to
/// native objects that only a finalizer frees.
/// </summary>
internal sealed class CollectionPressure : IDisposable
{
    private readonly Thread _collector;
    private volatile bool _stop;

    public CollectionPressure()
    {
        _collector = new Thread(() =>
        {
            while (!_stop) { GC.Collect(); GC.WaitForPendingFinalizers(); }
        }) { IsBackground = true };
        _collector.Start();
    }

    /// <summary>How many steps a stress test runs: ASM_STRESS_STEPS, or <paramref name="byDefault"/>.</summary>
    public static int Steps(int byDefault) =>
        int.TryParse(Environment.GetEnvironmentVariable("ASM_STRESS_STEPS"), out int steps) ? steps : byDefault;

    public void Dispose()
    {
        _stop = true;
        _collector.Join();
    }
}
