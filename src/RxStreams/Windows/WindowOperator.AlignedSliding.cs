using System;
using System.Runtime.CompilerServices;
using RxStreams.Checkpoints;

namespace RxStreams.Windows;

/// <summary>
/// The aligned path of sliced sliding windows: sliding event-time windows that the operator slices into panes (see the
/// class remarks of <c>WindowOperator</c>), with no allowed lateness, outside checkpointed jobs. The pane accumulators
/// are kept per pane in <see cref="AlignedWindowTable{TKey, TState}"/>s keyed by key, and the windows per window end in
/// tables that only hold the keys in the order their windows were created (the order the per-window path's timers fire
/// in). A record costs one lookup by key in its pane's table; the first record of a key's pane also enters the key in
/// the tables of the windows containing the pane. When the watermark passes a window's end, the window's keys are
/// scanned in order, each merging its panes, and the panes no later window contains are freed, a table at a time.
/// </summary>
/// <remarks>
/// Results, their order, late data and <see cref="WindowCounters"/> are those of the per-window path. A record within
/// two window sizes of the ends of time, where the pane arithmetic wraps, moves the aligned state into the sliced
/// per-window layout (<c>LeaveAlignedSliding</c>), and the operator stays there.
/// </remarks>
internal sealed partial class WindowOperator<TKey, T, TState, TResult, TContents>
{
    private sealed partial class Sink
    {
        // The most panes per window the aligned path takes (it looks each up when a window fires).
        private const int MaxAlignedPanes = 64;

        // Null unless the operator takes the aligned path of sliced windows: pane accumulators per pane, and the keys of
        // each window (their contents unused) per window, in creation order.
        private AlignedWindows<TKey, TState>? _slidingPanes;
        private AlignedWindows<TKey, TState>? _slidingWindows;

        // The pane of the previous record and its table.
        private AlignedWindowTable<TKey, TState>? _lastPane;
        private long _lastPaneStart = 1;
        private long _lastPaneEnd;

        // The pane tables of the window being fired, earliest first (null where the pane has no table).
        private AlignedWindowTable<TKey, TState>?[]? _firingPanes;

        private bool TakesAlignedSliding =>
            _panes is not null && _panesPerWindow <= MaxAlignedPanes && _lateness == 0 && _clock is null && JobRuntime.Current is null;

        private void StartAlignedSliding()
        {
            var keys = _settings.Stream.Comparer;
            _slidingPanes = new AlignedWindows<TKey, TState>(keys);
            _slidingWindows = new AlignedWindows<TKey, TState>(keys);
            _firingPanes = new AlignedWindowTable<TKey, TState>?[_panesPerWindow];
        }

        /// <summary>A record on the aligned sliced path.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void AddAlignedSliding(TKey key, T value, long timestamp)
        {
            var pane = _lastPane;
            if (pane is null || timestamp < _lastPaneStart || timestamp >= _lastPaneEnd)
            {
                if (timestamp <= long.MinValue + (2 * _size) || timestamp >= long.MaxValue - (2 * _size))
                {
                    LeaveAlignedSliding();
                    ProcessKeyedRecord(key, value, timestamp);
                    return;
                }

                var paneStart = TimeWindow.StartOf(timestamp, _offset, _slide);

                // The window starting with the pane closes last: when it is late, every window of the record is.
                if (paneStart + _size <= _watermark)
                {
                    DropLate(value, timestamp);
                    return;
                }

                var paneWindow = new TimeWindow(paneStart, paneStart + _slide);
                pane = _slidingPanes!.Find(paneWindow) ?? _slidingPanes.Open(paneWindow);
                (_lastPane, _lastPaneStart, _lastPaneEnd) = (pane, paneStart, paneStart + _slide);
            }

            var entry = pane.Find(key, out var hash);
            if (entry >= 0)
            {
                // Sliced contents never fail to add (see MergesExactly), and a later record of a pane creates no window.
                _contents.Add(ref pane.ContentsAt(entry), value, timestamp);
                return;
            }

            entry = pane.Add(key, hash, _contents.Create());
            _contents.Add(ref pane.ContentsAt(entry), value, timestamp);
            CreateSlidingWindows(key, pane.Window.Start, timestamp);
        }

        /// <summary>The first record of a key's pane creates the key's windows containing it, latest start first, as the per-window path does.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void CreateSlidingWindows(TKey key, long paneStart, long timestamp)
        {
            for (var start = paneStart; start > timestamp - _size; start -= _slide)
            {
                var window = new TimeWindow(start, start + _size);
                if (window.End <= _watermark)
                {
                    continue;
                }

                var keys = _slidingWindows!.Find(window) ?? _slidingWindows.Open(window);
                if (keys.Find(key, out var hash) < 0)
                {
                    keys.Add(key, hash, default!);
                    _counters?.WindowCreated();
                }
            }
        }

        /// <summary>Fires every window ending at or before <paramref name="watermark"/>, earliest first, and frees the panes no later window contains.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void FireAlignedSliding(long watermark)
        {
            // Locals: a record from downstream code at the ends of time could move the state away meanwhile.
            var windows = _slidingWindows!;
            var paneTables = _slidingPanes!;
            while (windows.TryTakeDue(watermark, out var keys))
            {
                var window = keys.Window;
                var panes = _firingPanes!;
                for (var i = 0; i < panes.Length; i++)
                {
                    var start = window.Start + (i * _slide);
                    panes[i] = paneTables.Find(new TimeWindow(start, start + _slide));
                }

                // Records arriving meanwhile (from downstream code) are late for this window: its panes do not change.
                for (var k = 0; k < keys.Count; k++)
                {
                    var key = keys.KeyAt(k);
                    var state = _contents.Create();
                    foreach (var pane in panes)
                    {
                        var entry = pane is null ? -1 : pane.Find(key, out _);
                        if (entry >= 0)
                        {
                            state = _contents.Merge(state, pane!.ContentsAt(entry));
                        }
                    }

                    var value = _contents.Result(ref state, key, window);
                    _counters?.Fired();
                    Emit(new WindowResult<TKey, TResult>(key, window, value, WindowFiring.OnTime, 0, false), window.MaxTimestamp);
                    _counters?.WindowsFreed(1);
                }

                Array.Clear(panes);
                windows.Release(keys);

                // The windows still to fire start after this one: the panes ending by its first pane's end are done.
                while (paneTables.TryTakeDue(window.Start + _slide, out var done))
                {
                    if (ReferenceEquals(done, _lastPane))
                    {
                        (_lastPane, _lastPaneStart, _lastPaneEnd) = (null, 1, 0);
                    }

                    paneTables.Release(done);
                }
            }
        }

        /// <summary>
        /// Moves the windows and panes of the aligned path into the sliced per-window layout (the window table with a
        /// timer per window, registered in creation order, and the pane table), where the operator then stays.
        /// </summary>
        private void LeaveAlignedSliding()
        {
            var windows = _slidingWindows!;
            var panes = _slidingPanes!;
            _slidingWindows = null;
            _slidingPanes = null;
            _lastPane = null;
            while (windows.TryTakeDue(long.MaxValue, out var keys))
            {
                for (var k = 0; k < keys.Count; k++)
                {
                    var key = keys.KeyAt(k);
                    _windows.Find(key, keys.Window, out var hash);
                    var slot = _windows.Add(key, keys.Window, hash, _contents.Create());
                    _windows[slot].HasContents = true;
                    RegisterCleanup(slot);
                }
            }

            while (panes.TryTakeDue(long.MaxValue, out var pane))
            {
                for (var k = 0; k < pane.Count; k++)
                {
                    var key = pane.KeyAt(k);
                    _panes!.Find(key, pane.Window, out var hash);
                    _panes.Add(key, pane.Window, hash, pane.ContentsAt(k));
                }
            }
        }
    }
}
