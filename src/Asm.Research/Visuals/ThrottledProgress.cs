using System.Diagnostics;

namespace Asm.Research.Visuals;

/// <summary>
/// An <see cref="IProgress{T}"/> that passes a report on at most once per <paramref name="interval"/>
/// (the first one at once), on the reporting thread, so that a notebook display updated from a
/// training loop costs next to nothing. <see cref="Flush"/> passes on the last report held back.
/// Unlike <see cref="Progress{T}"/> it does not post to a synchronisation context.
/// </summary>
/// <typeparam name="T">The report type, e.g. <c>TrainingProgress</c>.</typeparam>
/// <param name="report">What to do with a report, e.g. update a displayed value.</param>
/// <param name="interval">Least time between two reports passed on.</param>
public sealed class ThrottledProgress<T>(Action<T> report, TimeSpan interval) : IProgress<T>
{
    private readonly Stopwatch _clock = new();
    private T? _pending;
    private bool _hasPending;

    /// <summary>Reports passed on so far.</summary>
    public int Shown { get; private set; }

    /// <inheritdoc />
    public void Report(T value)
    {
        if (_clock.IsRunning && _clock.Elapsed < interval)
        {
            _pending = value;
            _hasPending = true;
            return;
        }
        Show(value);
    }

    /// <summary>Passes on the last report that was held back, if any (call it when the loop ends).</summary>
    public void Flush()
    {
        if (_hasPending) Show(_pending!);
    }

    private void Show(T value)
    {
        _hasPending = false;
        _pending = default;
        report(value);
        Shown++;
        _clock.Restart();
    }
}
