using System;
using System.Collections.Generic;
using System.Reactive;
using System.Reactive.Linq;
using System.Runtime.InteropServices;

namespace RxStreams.Compare.Bench;

/// <summary>
/// The six workloads of issue 14's table and their RxStreams, plain Rx.NET and loop variants (the Trill variants are in
/// <see cref="TrillVariants"/>). Window results are checksummed as (key, window start, value), with key 0 for the
/// non-keyed window; windows are aligned to the epoch, [start, start + size).
/// </summary>
internal static class Workloads
{
    public const long Second = 1_000;

    // The same user functions for every variant (Nexmark q1/q2 shape): map a record to a long, keep three in four.
    public static long Map(Event e) => (e.Value * 89 / 100) + e.Key;

    public static bool Keep(long v) => (v & 3) != 0;

    public static IEnumerable<Workload> All(Options o)
    {
        // The 1,000-key data serve several workloads each, so they are made once; the many-key data when needed.
        Data? sparse = null;
        Data? dense = null;
        Data Sparse() => sparse ??= Data.Generate(o.Events, 1_000, 1, o.Disorder);
        Data Dense() => dense ??= Data.Generate(o.Events, 1_000, o.DensePerMs, o.Disorder);
        yield return new(1, "Select→Where, 24-byte struct", Sparse, Stateless);
        yield return new(2, "keyed tumbling Count 1 s, 1,000 keys, dense", Dense, d => KeyedCount(d, Second, Second));
        yield return new(3, "keyed tumbling Count 1 s, 1,000 keys, sparse", Sparse, d => KeyedCount(d, Second, Second));
        yield return new(4, "keyed tumbling Count 1 s, many keys", () => Data.Generate(o.Events, o.ManyKeys, o.ManyKeysPerMs, o.Disorder),
            d => KeyedCount(d, Second, Second));
        yield return new(5, "non-keyed tumbling Max 10 s (q7 shape)", Sparse, d => GlobalMax(d, 10 * Second));
        // Dense for 10 s windows: a tenth of the tumbling case's rate, so that ~1,000 records fall in a key-window here too.
        yield return new(6, "sliding Count per key 10 s / 2 s (q5 shape), dense", () => Data.Generate(o.Events, 1_000, Math.Max(1, o.DensePerMs / 10), o.Disorder),
            d => KeyedCount(d, 10 * Second, 2 * Second));
        yield return new(7, "sliding Count per key 10 s / 2 s, sparse", Sparse, d => KeyedCount(d, 10 * Second, 2 * Second));
    }

    private static IEnumerable<Variant> Stateless(Data data)
    {
        var strategy = WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(data.Disorder));
        yield return new("RxStreams pre-stamped (WM/1000)", Kind.RxStreams, () =>
        {
            var sink = new StreamSink<long, LongSum>();
            Sources.FromArray(data.Elements)
                .Select(static e => Map(e))
                .Where(static v => Keep(v))
                .Subscribe(sink);
            return sink.Checksum;
        });
        yield return new("RxStreams WithEventTime (WM per raise)", Kind.RxStreams, () =>
        {
            var sink = new StreamSink<long, LongSum>();
            Sources.FromArray(data.Events)
                .WithEventTime(static e => e.Timestamp, strategy)
                .Select(static e => Map(e))
                .Where(static v => Keep(v))
                .Subscribe(sink);
            return sink.Checksum;
        });
        foreach (var trill in TrillVariants.Stateless(data))
        {
            yield return trill;
        }

        yield return new("plain Rx Select→Where", Kind.PlainRx, () =>
        {
            var sink = new PlainSink<long, LongSum>();
            Observable.Where(Observable.Select(Sources.FromArray(data.Events), static e => Map(e)), static v => Keep(v)).Subscribe(sink);
            return sink.Checksum;
        });
        yield return new("loop", Kind.Loop, () =>
        {
            var checksum = default(Checksum);
            foreach (var e in data.Events)
            {
                var v = Map(e);
                if (Keep(v))
                {
                    checksum.AddPlain(v);
                }
            }

            return checksum;
        });
    }

    /// <summary>Count per key in tumbling (<paramref name="slide"/> = <paramref name="size"/>) or sliding event-time windows.</summary>
    private static IEnumerable<Variant> KeyedCount(Data data, long size, long slide)
    {
        var strategy = WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(data.Disorder));
        WindowAssigner assigner = size == slide
            ? TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(size))
            : SlidingEventTimeWindows.Of(TimeSpan.FromMilliseconds(size), TimeSpan.FromMilliseconds(slide));
        yield return new("RxStreams pre-stamped (WM/1000)", Kind.RxStreams, () =>
        {
            var sink = new StreamSink<WindowResult<long, long>, WindowSum>();
            Sources.FromArray(data.Elements)
                .KeyBy(static e => e.Key)
                .Window(assigner)
                .Count()
                .Subscribe(sink);
            return sink.Checksum;
        });
        yield return new("RxStreams WithEventTime (WM per raise)", Kind.RxStreams, () =>
        {
            var sink = new StreamSink<WindowResult<long, long>, WindowSum>();
            Sources.FromArray(data.Events)
                .WithEventTime(static e => e.Timestamp, strategy)
                .KeyBy(static e => e.Key)
                .Window(assigner)
                .Count()
                .Subscribe(sink);
            return sink.Checksum;
        });
        foreach (var trill in TrillVariants.KeyedCount(data, size, slide))
        {
            yield return trill;
        }

        // Plain Rx has no watermarks. A competent Rx user groups by key and scans each key's records into its open
        // windows, closing a window once the key's own newest timestamp minus the disorder bound has passed its end
        // (exact for bounded disorder), and flushes each key's open windows when the source completes (a sentinel
        // appended by Concat).
        yield return new("plain Rx GroupBy+Scan", Kind.PlainRx, () =>
        {
            var sink = new PlainSink<OpenWindows, OpenWindowsSum>();
            Sources.FromArray(data.Events)
                .GroupBy(static e => e.Key)
                .SelectMany(g => g
                    .Concat(Observable.Return(new Event(g.Key, 0, long.MaxValue)))
                    .Scan(new OpenWindows(g.Key, size, slide, data.Disorder, max: false), static (s, e) => s.Step(e))
                    .Where(static s => s.Emitted > 0))
                .Subscribe(sink);
            return sink.Checksum;
        });
        yield return new("loop Dictionary<(key, start), count>", Kind.Loop, () => LoopDictionary(data, size, slide));
        yield return new("loop count array per open window", Kind.Loop, () => LoopArrays(data, size, slide));
    }

    private static IEnumerable<Variant> GlobalMax(Data data, long size)
    {
        var strategy = WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(data.Disorder));
        var assigner = TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(size));
        yield return new("RxStreams pre-stamped (WM/1000)", Kind.RxStreams, () =>
        {
            var sink = new StreamSink<WindowResult<Unit, long>, WindowSum>();
            Sources.FromArray(data.Elements)
                .WindowAll(assigner)
                .Max(static e => e.Value)
                .Subscribe(sink);
            return sink.Checksum;
        });
        yield return new("RxStreams WithEventTime (WM per raise)", Kind.RxStreams, () =>
        {
            var sink = new StreamSink<WindowResult<Unit, long>, WindowSum>();
            Sources.FromArray(data.Events)
                .WithEventTime(static e => e.Timestamp, strategy)
                .WindowAll(assigner)
                .Max(static e => e.Value)
                .Subscribe(sink);
            return sink.Checksum;
        });
        foreach (var trill in TrillVariants.GlobalMax(data, size))
        {
            yield return trill;
        }

        yield return new("plain Rx Scan", Kind.PlainRx, () =>
        {
            var sink = new PlainSink<OpenWindows, OpenWindowsSum>();
            Sources.FromArray(data.Events)
                .Concat(Observable.Return(new Event(0, 0, long.MaxValue)))
                .Scan(new OpenWindows(0, size, size, data.Disorder, max: true), static (s, e) => s.Step(e))
                .Where(static s => s.Emitted > 0)
                .Subscribe(sink);
            return sink.Checksum;
        });
        yield return new("loop", Kind.Loop, () => LoopMax(data, size));
    }

    private static Checksum LoopDictionary(Data data, long size, long slide)
    {
        var checksum = default(Checksum);
        var counts = new Dictionary<(long Key, long Start), long>();
        var max = long.MinValue;
        var earliestEnd = long.MaxValue;
        foreach (var e in data.Events)
        {
            var last = e.Timestamp - (e.Timestamp % slide);
            for (var start = last; start > e.Timestamp - size; start -= slide)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(counts, (e.Key, start), out _)++;
                earliestEnd = Math.Min(earliestEnd, start + size);
            }

            if (e.Timestamp > max)
            {
                max = e.Timestamp;
                if (max - data.Disorder >= earliestEnd)
                {
                    earliestEnd = long.MaxValue;
                    foreach (var (window, count) in counts)
                    {
                        var end = window.Start + size;
                        if (end <= max - data.Disorder)
                        {
                            checksum.Add(window.Key, window.Start, count);
                            counts.Remove(window);
                        }
                        else
                        {
                            earliestEnd = Math.Min(earliestEnd, end);
                        }
                    }
                }
            }
        }

        foreach (var (window, count) in counts)
        {
            checksum.Add(window.Key, window.Start, count);
        }

        return checksum;
    }

    /// <summary>
    /// Counts in one array indexed by key per open window (at most size / slide + 1 + disorder / slide are open at
    /// once); a window's array is scanned for its results and recycled when the watermark passes its end.
    /// </summary>
    private static Checksum LoopArrays(Data data, long size, long slide)
    {
        var checksum = default(Checksum);
        var capacity = (int)(size / slide) + 2 + (int)(data.Disorder / slide);
        var starts = new long[capacity];
        var arrays = new long[capacity][];
        var open = 0;
        var spare = new Stack<long[]>();
        var max = long.MinValue;
        foreach (var e in data.Events)
        {
            var last = e.Timestamp - (e.Timestamp % slide);
            for (var start = last; start > e.Timestamp - size; start -= slide)
            {
                var slot = 0;
                while (slot < open && starts[slot] != start)
                {
                    slot++;
                }

                if (slot == open)
                {
                    starts[open] = start;
                    arrays[open++] = spare.Count > 0 ? spare.Pop() : new long[data.Keys];
                }

                arrays[slot][e.Key]++;
            }

            if (e.Timestamp > max)
            {
                max = e.Timestamp;
                for (var slot = 0; slot < open;)
                {
                    if (starts[slot] + size <= max - data.Disorder)
                    {
                        Emit(ref checksum, starts[slot], arrays[slot]);
                        spare.Push(arrays[slot]);
                        open--;
                        starts[slot] = starts[open];
                        arrays[slot] = arrays[open];
                    }
                    else
                    {
                        slot++;
                    }
                }
            }
        }

        for (var slot = 0; slot < open; slot++)
        {
            Emit(ref checksum, starts[slot], arrays[slot]);
        }

        return checksum;

        static void Emit(ref Checksum checksum, long start, long[] counts)
        {
            for (var key = 0; key < counts.Length; key++)
            {
                if (counts[key] != 0)
                {
                    checksum.Add(key, start, counts[key]);
                    counts[key] = 0;
                }
            }
        }
    }

    private static Checksum LoopMax(Data data, long size)
    {
        var checksum = default(Checksum);
        Span<long> starts = stackalloc long[4];
        Span<long> maxima = stackalloc long[4];
        var open = 0;
        var max = long.MinValue;
        foreach (var e in data.Events)
        {
            var start = e.Timestamp - (e.Timestamp % size);
            var slot = 0;
            while (slot < open && starts[slot] != start)
            {
                slot++;
            }

            if (slot == open)
            {
                starts[open] = start;
                maxima[open++] = e.Value;
            }
            else if (e.Value > maxima[slot])
            {
                maxima[slot] = e.Value;
            }

            if (e.Timestamp > max)
            {
                max = e.Timestamp;
                for (slot = 0; slot < open;)
                {
                    if (starts[slot] + size <= max - data.Disorder)
                    {
                        checksum.Add(0, starts[slot], maxima[slot]);
                        open--;
                        starts[slot] = starts[open];
                        maxima[slot] = maxima[open];
                    }
                    else
                    {
                        slot++;
                    }
                }
            }
        }

        for (var slot = 0; slot < open; slot++)
        {
            checksum.Add(0, starts[slot], maxima[slot]);
        }

        return checksum;
    }
}

/// <summary>
/// The scan state of the plain-Rx window variants for one key (or for all records): the open windows with their count
/// or maximum, the newest timestamp seen, and the windows the last step closed. <c>Scan</c> hands the same instance on.
/// </summary>
internal sealed class OpenWindows(long key, long size, long slide, long disorder, bool max)
{
    private readonly long[] _starts = new long[(size / slide) + 2 + (disorder / slide)];
    private readonly long[] _values = new long[(size / slide) + 2 + (disorder / slide)];
    private readonly long[] _closedStarts = new long[(size / slide) + 2 + (disorder / slide)];
    private readonly long[] _closedValues = new long[(size / slide) + 2 + (disorder / slide)];
    private int _open;
    private long _newest = long.MinValue;

    public long Key => key;

    public int Emitted { get; private set; }

    public OpenWindows Step(Event e)
    {
        Emitted = 0;
        if (e.Timestamp == long.MaxValue)
        {
            CloseUpTo(long.MaxValue);
            return this;
        }

        if (e.Timestamp > _newest)
        {
            _newest = e.Timestamp;
            CloseUpTo(_newest - disorder);
        }

        var last = e.Timestamp - (e.Timestamp % slide);
        for (var start = last; start > e.Timestamp - size; start -= slide)
        {
            var slot = 0;
            while (slot < _open && _starts[slot] != start)
            {
                slot++;
            }

            if (slot == _open)
            {
                _starts[_open] = start;
                _values[_open++] = max ? e.Value : 1;
            }
            else
            {
                _values[slot] = max ? Math.Max(_values[slot], e.Value) : _values[slot] + 1;
            }
        }

        return this;
    }

    public void AddTo(ref Checksum checksum)
    {
        for (var i = 0; i < Emitted; i++)
        {
            checksum.Add(key, _closedStarts[i], _closedValues[i]);
        }
    }

    private void CloseUpTo(long watermark)
    {
        for (var slot = 0; slot < _open;)
        {
            if (watermark == long.MaxValue || _starts[slot] + size <= watermark)
            {
                _closedStarts[Emitted] = _starts[slot];
                _closedValues[Emitted++] = _values[slot];
                _open--;
                _starts[slot] = _starts[_open];
                _values[slot] = _values[_open];
            }
            else
            {
                slot++;
            }
        }
    }
}

internal readonly struct LongSum : IChecksummer<long>
{
    public static void Add(ref Checksum checksum, long value) => checksum.AddPlain(value);
}

internal readonly struct WindowSum : IChecksummer<WindowResult<long, long>>, IChecksummer<WindowResult<Unit, long>>
{
    public static void Add(ref Checksum checksum, WindowResult<long, long> value) => checksum.Add(value.Key, value.Window.Start, value.Value);

    public static void Add(ref Checksum checksum, WindowResult<Unit, long> value) => checksum.Add(0, value.Window.Start, value.Value);
}

internal readonly struct OpenWindowsSum : IChecksummer<OpenWindows>
{
    public static void Add(ref Checksum checksum, OpenWindows value) => value.AddTo(ref checksum);
}
