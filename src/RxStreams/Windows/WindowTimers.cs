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

    // Timers a trigger deleted that are still in the queue; null until the first deletion. They are skipped when due
    // and dropped from the queue before a snapshot captures it, so a checkpoint never holds them.
    private HashSet<TimerKey<TKey>>? _deleted;

    public WindowTimers(IEqualityComparer<TKey> keys, bool deduplicate) =>
        _pending = deduplicate ? new HashSet<TimerKey<TKey>>(new TimerKeyComparer<TKey>(keys)) : null;

    /// <summary>Adds a timer of the window in <paramref name="slot"/>; false when the same timer is already pending (or deleted and still queued, which revives it).</summary>
    public bool Register(TKey key, TimeWindow window, int slot, int generation, long time)
    {
        if (_pending is not null && !_pending.Add(new TimerKey<TKey>(key, window, time)))
        {
            return false;
        }

        if (_deleted is not null && _deleted.Remove(new TimerKey<TKey>(key, window, time)))
        {
            return false;
        }

        _queue.Add(time) = new WindowHandle<TKey>(key, window, slot, generation);
        return true;
    }

    /// <summary>
    /// Deletes a pending timer (Flink's <c>deleteEventTimeTimer</c>); nothing when none is pending. Only for timers that
    /// are deduplicated: the operator deduplicates the timers of every trigger that is not one of its fixed built-ins.
    /// </summary>
    public void Delete(TKey key, TimeWindow window, long time)
    {
        var timer = new TimerKey<TKey>(key, window, time);
        if (_pending!.Remove(timer))
        {
            (_deleted ??= new HashSet<TimerKey<TKey>>(_pending.Comparer)).Add(timer);
        }
    }

    /// <summary>Every pending timer in firing order (time, then registration), shared with a snapshot (see <see cref="TimerQueue{TItem}.Capture"/>).</summary>
    public List<CapturedTimers<WindowHandle<TKey>>> Capture()
    {
        if (_deleted is { Count: > 0 })
        {
            DropDeleted();
        }

        return _queue.Capture();
    }

    /// <summary>The earliest pending time, if any.</summary>
    public bool TryPeekTime(out long time) => _queue.TryPeekTime(out time);

    /// <summary>
    /// Removes and returns the earliest timer when it is due at or before <paramref name="limit"/>;
    /// <paramref name="deleted"/> tells that a trigger deleted it (the operator then only does its own cleanup).
    /// </summary>
    public bool TryDequeueDue(long limit, out long time, out WindowHandle<TKey> window, out bool deleted)
    {
        if (!_queue.TryDequeueDue(limit, out time, out window))
        {
            deleted = false;
            return false;
        }

        var timer = new TimerKey<TKey>(window.Key, window.Window, time);
        deleted = _deleted is not null && _deleted.Remove(timer);
        if (!deleted)
        {
            _pending?.Remove(timer);
        }

        return true;
    }

    /// <summary>Rebuilds the queue without the deleted timers, in the same order.</summary>
    private void DropDeleted()
    {
        var kept = new List<(long Time, WindowHandle<TKey> Window)>();
        while (_queue.TryDequeueDue(long.MaxValue, out var time, out var window))
        {
            if (!_deleted!.Remove(new TimerKey<TKey>(window.Key, window.Window, time)))
            {
                kept.Add((time, window));
            }
        }

        foreach (var (time, window) in kept)
        {
            _queue.Add(time) = window;
        }

        _deleted!.Clear();
    }
}
