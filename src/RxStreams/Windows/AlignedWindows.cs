using System;
using System.Collections.Generic;
using System.Threading;
using RxStreams.Diagnostics;

namespace RxStreams.Windows;

/// <summary>
/// The open windows of the window operator's aligned path: one <see cref="AlignedWindowTable{TKey, TState}"/> per
/// window, earliest end first. With bounded disorder only a few are open at once; a table whose window fired goes back
/// to a pool and serves a later window, so the operator keeps no timer per window and frees no window one by one.
/// </summary>
internal sealed class AlignedWindows<TKey, TState>
    where TKey : notnull
{
    private readonly IEqualityComparer<TKey> _comparer;
    // First in, first out, so that every spare table serves again and shrinks after a spike (see Release).
    private readonly Queue<AlignedWindowTable<TKey, TState>> _pool = new();

    // The open tables are _open[_head .. _head + _count), sorted by window end: firing takes from the head.
    private AlignedWindowTable<TKey, TState>?[] _open = new AlignedWindowTable<TKey, TState>?[4];
    private int _head;
    private int _count;

    // The most keys a recent window held, decaying by an eighth per fired window: sizes new tables and shrinks old ones.
    private int _recentPeak;

    public AlignedWindows(IEqualityComparer<TKey> comparer) => _comparer = comparer;

    /// <summary>How many windows are open.</summary>
    public int OpenCount => _count;

    /// <summary>The open table of <paramref name="window"/>, or null.</summary>
    public AlignedWindowTable<TKey, TState>? Find(TimeWindow window)
    {
        // Records mostly belong to the latest window; search from the end.
        for (var i = _head + _count - 1; i >= _head; i--)
        {
            var table = _open[i]!;
            if (table.Window.End == window.End && table.Window.Start == window.Start)
            {
                return table;
            }

            if (table.Window.End < window.End)
            {
                break;
            }
        }

        return null;
    }

    /// <summary>Opens <paramref name="window"/>, which must not be open, with an empty table.</summary>
    public AlignedWindowTable<TKey, TState> Open(TimeWindow window)
    {
        // A new table is sized for as many keys as the latest window has: it will likely see them too.
        var table = _pool.Count > 0
            ? _pool.Dequeue()
            : new AlignedWindowTable<TKey, TState>(_comparer, _count == 0 ? _recentPeak : Math.Max(_recentPeak, _open[_head + _count - 1]!.Count));
        table.Window = window;
        if (_head + _count == _open.Length)
        {
            if (_head > 0)
            {
                Array.Copy(_open, _head, _open, 0, _count);
                Array.Clear(_open, _count, _head);
                _head = 0;
            }
            else
            {
                Array.Resize(ref _open, _open.Length * 2);
            }
        }

        // Insertion sort from the end: a new window is mostly the latest.
        var at = _head + _count;
        while (at > _head && Later(_open[at - 1]!.Window, window))
        {
            _open[at] = _open[at - 1];
            at--;
        }

        _open[at] = table;
        _count++;
        return table;
    }

    /// <summary>Takes the earliest open window when it ends at or before <paramref name="watermark"/>; the caller fires it and then calls <see cref="Release"/>.</summary>
    public bool TryTakeDue(long watermark, out AlignedWindowTable<TKey, TState> table)
    {
        if (_count > 0 && _open[_head]!.Window.End <= watermark)
        {
            table = _open[_head]!;
            _open[_head] = null;
            _count--;
            _head = _count == 0 ? 0 : _head + 1;
            return true;
        }

        table = null!;
        return false;
    }

    /// <summary>Empties a table taken with <see cref="TryTakeDue"/> and keeps it for a later window.</summary>
    public void Release(AlignedWindowTable<TKey, TState> table)
    {
        _recentPeak = Math.Max(table.Count, _recentPeak - (_recentPeak >> 3));
        table.Clear(_recentPeak);

        // A few spare tables cover the windows open at once under bounded disorder; more would only hold memory.
        if (_pool.Count < Math.Max(4, _count))
        {
            _pool.Enqueue(table);
        }
    }

    /// <summary>Adds every open (key, window) to <paramref name="windows"/>, as <see cref="AlignedWindowTable{TKey, TState}.Peek"/> does (it may run on another thread).</summary>
    public void Peek(List<WindowSlot> windows)
    {
        var open = Volatile.Read(ref _open);
        for (var i = 0; i < open.Length; i++)
        {
            open[i]?.Peek(windows);
        }
    }

    private static bool Later(TimeWindow a, TimeWindow b) => a.End > b.End || (a.End == b.End && a.Start > b.Start);
}
