using System;
using System.Collections.Generic;
using System.Reactive.Linq;
using System.Runtime.InteropServices;

namespace RxStreams.Bench;

/// <summary>The three benchmark cases; each has RxStreams, plain Rx.NET and hand-written-loop implementations.</summary>
internal static class Cases
{
    private const string StatelessCase = "1 Select→Where";
    private const string RollingCase = "2 keyed rolling Sum";
    private const string WindowCase = "3 keyed tumbling count";

    // The same user functions for every implementation (Nexmark q1/q2 shape: convert a price, filter). The pipelines
    // wrap them in static lambdas: a delegate bound straight to a static method goes through a shuffle thunk.
    private static long Map(Event e) => (e.Value * 89L / 100) + e.Key;

    private static bool Keep(long v) => (v & 3) != 0;

    private static long WindowStart(long timestamp) => timestamp - (timestamp % Data.WindowSize); // timestamps are positive

    public static void Stateless(Harness harness, Data data)
    {
        Console.WriteLine(StatelessCase);
        var strategy = WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(data.Disorder));

        harness.Measure(StatelessCase, "RxStreams WithEventTime (WM per record)", Kind.RxStreams, () =>
        {
            var sink = new StreamSink<long, LongSum>();
            Sources.FromArray(data.Events)
                .WithEventTime(static e => e.Timestamp, strategy)
                .Select(static e => Map(e))
                .Where(static v => Keep(v))
                .Subscribe(sink);
            return new Result(sink.Checksum, sink.Watermarks);
        });

        harness.Measure(StatelessCase, "RxStreams pre-built elements (WM/1000)", Kind.RxStreams, () =>
        {
            var sink = new StreamSink<long, LongSum>();
            Sources.FromArray(data.Elements)
                .Select(static e => Map(e))
                .Where(static v => Keep(v))
                .Subscribe(sink);
            return new Result(sink.Checksum, sink.Watermarks);
        });

        harness.Measure(StatelessCase, "plain Rx Select→Where", Kind.PlainRx, () =>
        {
            var sink = new PlainSink<long, LongSum>();
            Observable.Where(Observable.Select(Sources.FromArray(data.Events), static e => Map(e)), static v => Keep(v)).Subscribe(sink);
            return new Result(sink.Checksum, 0);
        });

        harness.Measure(StatelessCase, "loop", Kind.Loop, () =>
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

            return new Result(checksum, 0);
        });
    }

    public static void RollingSum(Harness harness, Data data)
    {
        Console.WriteLine(RollingCase);
        var strategy = WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(data.Disorder));

        harness.Measure(RollingCase, "RxStreams KeyBy.Sum, WithEventTime (WM/record)", Kind.RxStreams, () =>
        {
            var sink = new StreamSink<Keyed<int, long>, KeyedSum>();
            Sources.FromArray(data.Events)
                .WithEventTime(static e => e.Timestamp, strategy)
                .KeyBy(static e => e.Key)
                .Sum(static e => (long)e.Value)
                .Subscribe(sink);
            return new Result(sink.Checksum, sink.Watermarks);
        });

        harness.Measure(RollingCase, "RxStreams KeyBy.Sum, pre-built (WM/1000)", Kind.RxStreams, () =>
        {
            var sink = new StreamSink<Keyed<int, long>, KeyedSum>();
            Sources.FromArray(data.Elements)
                .KeyBy(static e => e.Key)
                .Sum(static e => (long)e.Value)
                .Subscribe(sink);
            return new Result(sink.Checksum, sink.Watermarks);
        });

        harness.Measure(RollingCase, "plain Rx GroupBy+Scan", Kind.PlainRx, () =>
        {
            var sink = new PlainSink<KeyValuePair<int, long>, KeyedSum>();
            Sources.FromArray(data.Events)
                .GroupBy(static e => e.Key)
                .SelectMany(g => g.Scan(0L, static (sum, e) => sum + e.Value).Select(sum => new KeyValuePair<int, long>(g.Key, sum)))
                .Subscribe(sink);
            return new Result(sink.Checksum, 0);
        });

        harness.Measure(RollingCase, "loop Dictionary<key, sum>", Kind.Loop, () =>
        {
            var checksum = default(Checksum);
            var sums = new Dictionary<int, long>();
            foreach (var e in data.Events)
            {
                ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(sums, e.Key, out _);
                sum += e.Value;
                checksum.Add(e.Key, sum);
            }

            return new Result(checksum, 0);
        });
    }

    public static void WindowCount(Harness harness, Data data)
    {
        Console.WriteLine(WindowCase);
        var strategy = WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(data.Disorder));
        var size = TimeSpan.FromMilliseconds(Data.WindowSize);

        harness.Measure(WindowCase, "RxStreams Window.Count, WithEventTime (WM/record)", Kind.RxStreams, () =>
        {
            var sink = new StreamSink<WindowResult<int, long>, WindowSum>();
            Sources.FromArray(data.Events)
                .WithEventTime(static e => e.Timestamp, strategy)
                .KeyBy(static e => e.Key)
                .Window(TumblingEventTimeWindows.Of(size))
                .Count()
                .Subscribe(sink);
            return new Result(sink.Checksum, sink.Watermarks);
        });

        harness.Measure(WindowCase, "RxStreams Window.Count, pre-built (WM/1000)", Kind.RxStreams, () =>
        {
            var sink = new StreamSink<WindowResult<int, long>, WindowSum>();
            Sources.FromArray(data.Elements)
                .KeyBy(static e => e.Key)
                .Window(TumblingEventTimeWindows.Of(size))
                .Count()
                .Subscribe(sink);
            return new Result(sink.Checksum, sink.Watermarks);
        });

        // Plain Rx has no watermarks. A competent Rx user groups by key and scans each key's events by window start,
        // closing a window once the key's own newest timestamp minus the disorder bound has passed its end (exact for
        // bounded disorder), and flushes each key's open windows when the source completes (a sentinel appended by Concat).
        var disorder = data.Disorder;
        harness.Measure(WindowCase, "plain Rx GroupBy+Scan by window start", Kind.PlainRx, () =>
        {
            var sink = new PlainSink<KeyWindows, WindowSum>();
            Sources.FromArray(data.Events)
                .GroupBy(static e => e.Key)
                .SelectMany(g => g
                    .Concat(Observable.Return(new Event(g.Key, 0, long.MaxValue)))
                    .Scan(new KeyWindows { Key = g.Key, Max = long.MinValue }, (s, e) => s.Step(e, disorder))
                    .Where(static s => s.Emitted > 0))
                .Subscribe(sink);
            return new Result(sink.Checksum, 0);
        });

        harness.Measure(WindowCase, "loop Dictionary<(key, start), count>", Kind.Loop, () =>
        {
            var checksum = default(Checksum);
            var counts = new Dictionary<(int Key, long Start), long>();
            var max = long.MinValue;
            var earliestEnd = long.MaxValue;
            foreach (var e in data.Events)
            {
                var start = WindowStart(e.Timestamp);
                CollectionsMarshal.GetValueRefOrAddDefault(counts, (e.Key, start), out _)++;
                earliestEnd = Math.Min(earliestEnd, start + Data.WindowSize);
                if (e.Timestamp > max)
                {
                    max = e.Timestamp;
                    var watermark = max - disorder;
                    if (watermark >= earliestEnd)
                    {
                        earliestEnd = Flush(counts, watermark, ref checksum);
                    }
                }
            }

            Flush(counts, long.MaxValue, ref checksum);
            return new Result(checksum, 0);
        });
    }

    /// <summary>Emits and removes the windows whose end the watermark has reached; returns the earliest end left.</summary>
    private static long Flush(Dictionary<(int Key, long Start), long> counts, long watermark, ref Checksum checksum)
    {
        var earliest = long.MaxValue;
        foreach (var (window, count) in counts)
        {
            var end = window.Start + Data.WindowSize;
            if (end <= watermark)
            {
                checksum.Add(window.Key, window.Start, count);
                counts.Remove(window);
            }
            else
            {
                earliest = Math.Min(earliest, end);
            }
        }

        return earliest;
    }
}

/// <summary>
/// The per-key scan state of the plain-Rx window count: at most two open windows (the disorder bound is below the
/// window size), and the windows closed by the last step (up to two).
/// </summary>
internal struct KeyWindows
{
    public int Key;
    public long Max;
    public long Start0;
    public long Count0;
    public long Start1;
    public long Count1;
    public int Emitted;
    public long Emit0Start;
    public long Emit0Count;
    public long Emit1Start;
    public long Emit1Count;

    public readonly KeyWindows Step(Event e, long disorder)
    {
        var s = this;
        s.Emitted = 0;
        if (e.Timestamp == long.MaxValue)
        {
            s.CloseUpTo(long.MaxValue);
            return s;
        }

        if (e.Timestamp > s.Max)
        {
            s.Max = e.Timestamp;
            s.CloseUpTo(s.Max - disorder);
        }

        var start = e.Timestamp - (e.Timestamp % Data.WindowSize);
        if (s.Count0 > 0 && s.Start0 == start)
        {
            s.Count0++;
        }
        else if (s.Count1 > 0 && s.Start1 == start)
        {
            s.Count1++;
        }
        else if (s.Count0 == 0)
        {
            s.Start0 = start;
            s.Count0 = 1;
        }
        else if (s.Count1 == 0)
        {
            s.Start1 = start;
            s.Count1 = 1;
        }
        else
        {
            throw new InvalidOperationException("A third open window: the disorder bound was violated.");
        }

        return s;
    }

    private void CloseUpTo(long watermark)
    {
        // Emit the earlier window first, so that results keep window order per key.
        if (Count0 > 0 && Count1 > 0 && Start1 < Start0)
        {
            (Start0, Count0, Start1, Count1) = (Start1, Count1, Start0, Count0);
        }

        if (Count0 > 0 && Start0 + Data.WindowSize <= watermark)
        {
            Emit(Start0, Count0);
            Count0 = 0;
        }

        if (Count1 > 0 && Start1 + Data.WindowSize <= watermark)
        {
            Emit(Start1, Count1);
            Count1 = 0;
        }
    }

    private void Emit(long start, long count)
    {
        if (Emitted == 0)
        {
            Emit0Start = start;
            Emit0Count = count;
        }
        else
        {
            Emit1Start = start;
            Emit1Count = count;
        }

        Emitted++;
    }
}

internal readonly struct LongSum : IChecksummer<long>
{
    public static void Add(ref Checksum checksum, long value) => checksum.AddPlain(value);
}

internal readonly struct KeyedSum : IChecksummer<Keyed<int, long>>, IChecksummer<KeyValuePair<int, long>>
{
    public static void Add(ref Checksum checksum, Keyed<int, long> value) => checksum.Add(value.Key, value.Value);

    public static void Add(ref Checksum checksum, KeyValuePair<int, long> value) => checksum.Add(value.Key, value.Value);
}

internal readonly struct WindowSum : IChecksummer<WindowResult<int, long>>, IChecksummer<KeyWindows>
{
    public static void Add(ref Checksum checksum, WindowResult<int, long> value) => checksum.Add(value.Key, value.Window.Start, value.Value);

    public static void Add(ref Checksum checksum, KeyWindows value)
    {
        checksum.Add(value.Key, value.Emit0Start, value.Emit0Count);
        if (value.Emitted == 2)
        {
            checksum.Add(value.Key, value.Emit1Start, value.Emit1Count);
        }
    }
}
