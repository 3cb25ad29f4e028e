using System;
using System.Reactive;
using System.Runtime.CompilerServices;
using RxStreams.Checkpoints;
using RxStreams.Windows.Functions;

namespace RxStreams.Windows;

/// <summary>
/// The aligned path of the window operator: tumbling event-time windows under the event-time trigger, with no allowed
/// lateness and a window function that returns one result (an aggregation or a buffered function, not a collecting
/// process function), outside checkpointed jobs. Every key's window then lives exactly from its first record until the
/// watermark reaches its end, fires once, on time, and is freed at once, so the operator keeps the windows of one
/// start and end together, in an <see cref="AlignedWindowTable{TKey, TState}"/> keyed by key alone, instead of a
/// (key, window) entry with a timer each: a record costs one lookup by key in the table of its window (the table of the
/// previous record's window, mostly), and the watermark fires a window's table by scanning it in insertion order, which
/// is the order the per-window path's timers fire in, and hands the emptied table to a later window.
/// </summary>
/// <remarks>
/// The results, their order, late data, dead letters, failures and <see cref="WindowCounters"/> are those of the
/// per-window path (<c>WithoutSlicing</c> keeps a stream on it; the tests compare the two). A window whose first record
/// failed lives on without contents and emits nothing, as there. Windows clamped at the end of time (ending at
/// <see cref="long.MaxValue"/>) take the per-window path in the same operator.
/// </remarks>
internal sealed partial class WindowOperator<TKey, T, TState, TResult, TContents>
{
    private sealed partial class Sink
    {
        private const int PrefetchDistance = 32;

        // Null unless the operator takes the aligned path.
        private readonly AlignedWindows<TKey, TState>? _aligned;

        // The table of the previous record's window and the window's bounds: consecutive records mostly share it.
        private AlignedWindowTable<TKey, TState>? _lastTable;

        // The keys of the records AddAlignedPrefetching is about to add; null until it first runs.
        private TKey[]? _prefetchedKeys;
        private long _alignedStart = 1; // [1, 0) holds no time: no table until the first record
        private long _alignedEnd;

        private static AlignedWindows<TKey, TState>? AlignedWindowsFor(WindowSettings<TKey, T> settings, bool tumbling, bool eventTimeTrigger, in TContents contents) =>
            settings.AllowSlicing && tumbling && eventTimeTrigger && settings.Assigner.IsEventTime && settings.AllowedLateness == 0
            && settings.ProcessingTimeScheduler is null && !contents.Collects && contents.KeyedState is null && JobRuntime.Current is null
                ? new AlignedWindows<TKey, TState>(settings.Stream.Comparer)
                : null;

        /// <summary>A batch: on the aligned path, each run of records in a tight loop; otherwise element by element.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        protected override void OnBatch(ReadOnlySpan<StreamElement<T>> values)
        {
            if (_aligned is null && _slidingPanes is null)
            {
                base.OnBatch(values);
                return;
            }

            var i = 0;
            while (i < values.Length)
            {
                if (values[i].Kind != ElementKind.Record)
                {
                    OnControl(values[i++]);
                }
                else
                {
                    var end = i + 1;
                    while (end < values.Length && values[end].Kind == ElementKind.Record)
                    {
                        end++;
                    }

                    if (_aligned is not null && _contents.MergesExactly && _lastTable is { IsLarge: true })
                    {
                        AddAlignedPrefetching(values[i..end]);
                    }
                    else
                    {
                        AddAlignedRun(values[i..end]);
                    }

                    i = end;
                }

                if (IsStopped)
                {
                    return;
                }
            }
        }

        /// <summary>Records on an aligned path (tumbling or sliced), one after the other, as <c>OnRecord</c> would take them.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void AddAlignedRun(ReadOnlySpan<StreamElement<T>> records)
        {
            var selector = KeySelector;
            for (var i = 0; i < records.Length && !_finished; i++)
            {
                ref readonly var record = ref records[i];
                TKey key;
                try
                {
                    key = selector(record.Value);
                }
                catch (Exception ex)
                {
                    FailKeySelector(ex, record.Value, record.Timestamp);
                    if (IsStopped)
                    {
                        return;
                    }

                    continue;
                }

                if (key is null)
                {
                    FailNullKey(record.Value, record.Timestamp);
                }
                else if (_aligned is not null)
                {
                    AddAligned(key, record.Value, record.Timestamp);
                }
                else if (_slidingPanes is not null)
                {
                    AddAlignedSliding(key, record.Value, record.Timestamp);
                }
                else
                {
                    // Sliced windows that left the aligned path during this run.
                    ProcessKeyedRecord(key, record.Value, record.Timestamp);
                }

                if (IsStopped)
                {
                    return;
                }
            }
        }

        /// <summary>
        /// Records on the aligned path when the table of the latest window is larger than the caches and the contents run
        /// no user code when adding (counts): the keys of a few records first, touching each key's place in the table so
        /// that their cache misses overlap, then the records, in order. A failing key selector is reported after the
        /// records before it were added, as one record after the other would.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void AddAlignedPrefetching(ReadOnlySpan<StreamElement<T>> records)
        {
            var keys = _prefetchedKeys ??= new TKey[PrefetchDistance];
            var selector = KeySelector;
            var next = 0;
            while (next < records.Length && !_finished)
            {
                var count = Math.Min(PrefetchDistance, records.Length - next);
                var table = _lastTable;
                Exception? failure = null;
                var got = 0;
                for (; got < count; got++)
                {
                    try
                    {
                        keys[got] = selector(records[next + got].Value);
                    }
                    catch (Exception ex)
                    {
                        failure = ex;
                        break;
                    }

                    if (keys[got] is null)
                    {
                        break;
                    }

                    table?.Touch(keys[got]);
                }

                for (var j = 0; j < got; j++)
                {
                    ref readonly var record = ref records[next + j];
                    AddAligned(keys[j], record.Value, record.Timestamp);
                }

                next += got;
                if (got < count)
                {
                    ref readonly var bad = ref records[next++];
                    if (failure is not null)
                    {
                        FailKeySelector(failure, bad.Value, bad.Timestamp);
                    }
                    else
                    {
                        FailNullKey(bad.Value, bad.Timestamp);
                    }

                    if (IsStopped)
                    {
                        break;
                    }
                }
            }

            if (RuntimeHelpers.IsReferenceOrContainsReferences<TKey>())
            {
                Array.Clear(keys);
            }
        }

        /// <summary>A record on the aligned path: added to its key's entry in its window's table.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void ProcessAligned(T value, long timestamp)
        {
            if (!_finished && TryGetKey(value, timestamp, out var key))
            {
                AddAligned(key, value, timestamp);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void AddAligned(TKey key, T value, long timestamp)
        {
            var table = _lastTable;
            if (table is null || timestamp < _alignedStart || timestamp >= _alignedEnd)
            {
                AddAlignedElsewhere(key, value, timestamp);
                return;
            }

            int entry;
            if (typeof(TKey) == typeof(Unit) && table.Count != 0 && table.DefaultComparer)
            {
                // Non-keyed windows: every key is equal, so a window's one entry is its first.
                entry = 0;
            }
            else
            {
                entry = table.Find(key, out var hash);
                if (entry < 0)
                {
                    AddAlignedWindow(table, key, hash, value, timestamp);
                    return;
                }
            }

            // Contents that merge exactly never fail to add (see MergesExactly), so their windows are never empty either.
            if (_contents.MergesExactly)
            {
                _contents.Add(ref table.ContentsAt(entry), value, timestamp);
                return;
            }

            AddAlignedGuarded(table, entry, false, value, timestamp);
        }

        /// <summary>A record of another window than the previous record's (or of none, when it is late).</summary>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private void AddAlignedElsewhere(TKey key, T value, long timestamp)
        {
            if (AlignedTableOf(key, value, timestamp) is not null)
            {
                AddAligned(key, value, timestamp);
            }
        }

        /// <summary>The first record of a key's window: creates the window.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void AddAlignedWindow(AlignedWindowTable<TKey, TState> table, TKey key, int hash, T value, long timestamp)
        {
            var entry = table.Add(key, hash, _contents.Create());
            _counters?.WindowCreated();
            if (_contents.MergesExactly)
            {
                _contents.Add(ref table.ContentsAt(entry), value, timestamp);
                return;
            }

            AddAlignedGuarded(table, entry, true, value, timestamp);
        }

        /// <summary>Adds a record with functions that may fail: a failed record leaves no trace in its window, as on the per-window path.</summary>
        /// <remarks>
        /// Unlike the other methods of the aligned path, this one is left to tiered compilation: it calls the user's
        /// selectors (Min, Max, Sum), which dynamic PGO inlines (q7-shaped Max: ~118 M records/s against ~56 fully
        /// optimized at once). The others are compiled fully optimized at once because dynamic PGO, profiling them on
        /// another workload or window shape, sometimes made them 2–5× slower.
        /// </remarks>
        private void AddAlignedGuarded(AlignedWindowTable<TKey, TState> table, int entry, bool created, T value, long timestamp)
        {
            ref var contents = ref table.ContentsAt(entry);
            var before = contents;
            try
            {
                _contents.Add(ref contents, value, timestamp);
            }
            catch (Exception ex)
            {
                // As on the per-window path: a value-type accumulator is restored, and a new window stays, empty.
                contents = before;
                FailAlignedRecord(table, entry, created, ex, value, timestamp);
                return;
            }

            if (table.HasEmpty)
            {
                table.MarkFilled(entry);
            }
        }

        /// <summary>The open table of the record's window (opening it), or null when the record is late or the assigner failed.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private AlignedWindowTable<TKey, TState>? AlignedTableOf(TKey key, T value, long timestamp)
        {
            TimeWindow window;
            try
            {
                window = _tumbling!.WindowOf(timestamp);
            }
            catch (Exception ex)
            {
                Fail(ex, value, timestamp, "Window", key, null, AssignerMessage(ex));
                return null;
            }

            // Every window ending at or before the watermark has fired, and with no allowed lateness it is gone.
            if (window.End <= _watermark)
            {
                DropLate(value, timestamp);
                return null;
            }

            if (window.End == long.MaxValue)
            {
                // At the end of time windows are clamped, and two of them can end together, with their timers firing in
                // one registration order: such windows take the per-window path, whose timers fire after every table.
                AddToWindow(GetOrCreate(key, window), value, timestamp);
                return null;
            }

            var table = _aligned!.Find(window) ?? _aligned.Open(window);
            _lastTable = table;
            (_alignedStart, _alignedEnd) = (window.Start, window.End);
            return table;
        }

        private void FailAlignedRecord(AlignedWindowTable<TKey, TState> table, int entry, bool created, Exception error, T value, long timestamp)
        {
            if (created)
            {
                table.MarkEmpty(entry);
            }

            Fail(error, value, timestamp, Name, table.KeyAt(entry), table.Window, error.Message);
        }

        /// <summary>Fires and frees every window ending at or before <paramref name="watermark"/>, earliest first; false when the stream failed.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool FireAligned(long watermark)
        {
            while (_aligned!.TryTakeDue(watermark, out var table))
            {
                if (ReferenceEquals(table, _lastTable))
                {
                    _lastTable = null;
                    (_alignedStart, _alignedEnd) = (1, 0);
                }

                // Records of this window arriving meanwhile (from downstream code) are late: the table does not change.
                var window = table.Window;
                for (var i = 0; i < table.Count; i++)
                {
                    if (!table.HasEmpty || table.HasContents(i))
                    {
                        TResult value;
                        try
                        {
                            value = _contents.Result(ref table.ContentsAt(i), table.KeyAt(i), window);
                        }
                        catch (Exception ex)
                        {
                            if (!FailAlignedWindow(table, i, ex))
                            {
                                return false;
                            }

                            _counters?.WindowsFreed(1);
                            continue;
                        }

                        _counters?.Fired();
                        Emit(new WindowResult<TKey, TResult>(table.KeyAt(i), window, value, WindowFiring.OnTime, 0, false), window.MaxTimestamp);
                    }

                    _counters?.WindowsFreed(1);
                }

                _aligned.Release(table);
            }

            return true;
        }

        /// <summary>As <c>FailWindow</c> for the window of a table entry: true when the stream goes on (its records or accumulator went to the dead letters).</summary>
        private bool FailAlignedWindow(AlignedWindowTable<TKey, TState> table, int entry, Exception error)
        {
            var key = table.KeyAt(entry);
            var window = table.Window;
            if (DeadLetters is not { } deadLetters)
            {
                Fail(error, null, window.MaxTimestamp, Name, key, window, error.Message);
                return false;
            }

            var contents = table.ContentsAt(entry);
            if (_contents.Records(contents) is { } records)
            {
                foreach (var record in records)
                {
                    deadLetters.Emit(new DeadLetter(Name, record.Value, record.Timestamp, error) { Key = key, Window = window });
                }
            }
            else
            {
                deadLetters.Emit(new DeadLetter(Name, null, window.MaxTimestamp, error) { Key = key, Window = window, Accumulator = contents });
            }

            return true;
        }
    }
}
