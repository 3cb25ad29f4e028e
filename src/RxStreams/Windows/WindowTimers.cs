using System.Collections.Generic;

namespace RxStreams.Windows;

/// <summary>
/// The event-time or processing-time timers of a window operator, like Flink's timer service: in time order, each
/// (key, window, time) pending at most once. Timers of a window whose state is gone still fire; the operator ignores them.
/// </summary>
internal sealed class WindowTimers<TKey>
    where TKey : notnull
{
    private readonly TimerQueue<WindowHandle<TKey>> _queue = new();

    // Null when the operator has shown that its triggers never register a pending timer twice (see WindowOperator).
    private readonly HashSet<TimerKey<TKey>>? _pending;

    public WindowTimers(IEqualityComparer<TKey> keys, bool deduplicate) =>
        _pending = deduplicate ? new HashSet<TimerKey<TKey>>(new TimerKeyComparer<TKey>(keys)) : null;

    /// <summary>Adds a timer of the window in <paramref name="slot"/>; false when the same timer is already pending.</summary>
    public bool Register(TKey key, TimeWindow window, int slot, int generation, long time)
    {
        if (_pending is not null && !_pending.Add(new TimerKey<TKey>(key, window, time)))
        {
            return false;
        }

        _queue.Add(time) = new WindowHandle<TKey>(key, window, slot, generation);
        return true;
    }

    /// <summary>Every pending timer in firing order (time, then registration), shared with a snapshot (see <see cref="TimerQueue{TItem}.Capture"/>).</summary>
    public List<CapturedTimers<WindowHandle<TKey>>> Capture() => _queue.Capture();

    /// <summary>The earliest pending time, if any.</summary>
    public bool TryPeekTime(out long time) => _queue.TryPeekTime(out time);

    /// <summary>Removes and returns the earliest timer when it is due at or before <paramref name="limit"/>.</summary>
    public bool TryDequeueDue(long limit, out long time, out WindowHandle<TKey> window)
    {
        if (!_queue.TryDequeueDue(limit, out time, out window))
        {
            return false;
        }

        _pending?.Remove(new TimerKey<TKey>(window.Key, window.Window, time));
        return true;
    }
}
