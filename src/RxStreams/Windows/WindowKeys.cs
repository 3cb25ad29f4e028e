using System;
using System.Collections.Generic;

namespace RxStreams.Windows;

/// <summary>A key's window: the identity of one window's state.</summary>
internal readonly record struct WindowKey<TKey>(TKey Key, TimeWindow Window);

/// <summary>A timer of one key's window.</summary>
internal readonly record struct TimerKey<TKey>(TKey Key, TimeWindow Window, long Time);

/// <summary>Compares window and timer keys with the stream's key comparer.</summary>
internal sealed class WindowKeyComparer<TKey>(IEqualityComparer<TKey> keys) : IEqualityComparer<WindowKey<TKey>>, IEqualityComparer<TimerKey<TKey>>
{
    public bool Equals(WindowKey<TKey> x, WindowKey<TKey> y) => x.Window == y.Window && keys.Equals(x.Key, y.Key);

    public int GetHashCode(WindowKey<TKey> obj) => HashCode.Combine(keys.GetHashCode(obj.Key!), obj.Window.Start, obj.Window.End);

    public bool Equals(TimerKey<TKey> x, TimerKey<TKey> y) => x.Time == y.Time && x.Window == y.Window && keys.Equals(x.Key, y.Key);

    public int GetHashCode(TimerKey<TKey> obj) => HashCode.Combine(keys.GetHashCode(obj.Key!), obj.Window.Start, obj.Window.End, obj.Time);
}

/// <summary>
/// Timers in time order, each (key, window, time) at most once, like Flink's timer service. Timers of a window whose
/// state is gone still fire; the window operator ignores them.
/// </summary>
internal sealed class TimerQueue<TKey>(WindowKeyComparer<TKey> comparer)
{
    private readonly PriorityQueue<TimerKey<TKey>, (long Time, long Sequence)> _queue = new();
    private readonly HashSet<TimerKey<TKey>> _pending = new(comparer);
    private long _sequence;

    public int Count => _queue.Count;

    /// <summary>Adds a timer; false when the same timer is already pending.</summary>
    public bool Register(TKey key, TimeWindow window, long time)
    {
        var timer = new TimerKey<TKey>(key, window, time);
        if (!_pending.Add(timer))
        {
            return false;
        }

        _queue.Enqueue(timer, (time, _sequence++));
        return true;
    }

    /// <summary>The earliest pending time, if any.</summary>
    public bool TryPeekTime(out long time)
    {
        if (_queue.TryPeek(out _, out var priority))
        {
            time = priority.Time;
            return true;
        }

        time = 0;
        return false;
    }

    /// <summary>Removes and returns the earliest timer when it is due at or before <paramref name="time"/>.</summary>
    public bool TryDequeueDue(long time, out TimerKey<TKey> timer)
    {
        if (_queue.TryPeek(out timer, out var priority) && priority.Time <= time)
        {
            _queue.Dequeue();
            _pending.Remove(timer);
            return true;
        }

        return false;
    }
}
