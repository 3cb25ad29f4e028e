using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using CsCheck;

namespace RxStreams.Tests.Windows;

/// <summary>
/// Random out-of-order streams through tumbling, sliding and session windows with random allowed lateness, compared
/// with a reference model that replays the same elements: it tracks the watermark, decides per record whether it is
/// dropped as late (every window it belongs to has end + lateness ≤ watermark), and computes the final count and sum
/// of every (key, window) from the accepted records.
/// </summary>
public class WindowReferenceModelTest
{
    private static readonly string[] Keys = ["a", "b", "c"];

    private static readonly Gen<Rec> GenRec =
        Gen.Select(Gen.Int[0, 2], Gen.Long[-30, 120], Gen.Int[1, 9], (k, t, v) => new Rec(Keys[k], t, v));

    /// <summary>One step of an explicit element stream: a record, or (one time in five) a watermark.</summary>
    private static readonly Gen<Step> GenStep =
        Gen.Select(Gen.Int[0, 4], GenRec, Gen.Long[-40, 130], (kind, rec, w) => kind == 0 ? new Step(null, w) : new Step(rec, 0));

    private static readonly Gen<Shape> GenShape =
        Gen.Select(Gen.Int[0, 2], Gen.Long[1, 20], Gen.Long[1, 20], Gen.Long[0, 1000], Gen.Long[1, 15], Gen.Bool, Gen.Long[0, 20],
            (kind, size, slide, offset, gap, dynamicGap, lateness) =>
            {
                // Sliding windows with slide <= size (no gaps between windows); offsets in (-slide, slide).
                var s = kind switch { 0 => size, 1 => Math.Min(slide, size), _ => 1 };
                return new Shape((Kind)kind, size, s, offset % (2 * s - 1) - (s - 1), gap, dynamicGap, lateness);
            });

    [Fact]
    public void WithEventTimeFromAPlainObservableMatchesTheReference() =>
        Gen.Select(GenShape, GenRec.Array[0, 40], Gen.Long[0, 40]).Sample((shape, records, bound) =>
        {
            var steps = WithBoundedWatermarks(records, bound);
            var actual = RunOperator(shape, o => o.Count(), records.ToObservable(ImmediateScheduler.Instance)
                .WithEventTime(r => r.T, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(bound))));
            var sums = RunOperator(shape, o => o.Sum(r => r.V), records.ToObservable(ImmediateScheduler.Instance)
                .WithEventTime(r => r.T, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(bound))));
            Compare(shape, Reference(shape, steps), actual, sums, records.Length);
        }, iter: 400);

    [Fact]
    public void ExplicitWatermarkElementsMatchTheReference() =>
        Gen.Select(GenShape, GenStep.Array[0, 50]).Sample((shape, steps) =>
        {
            var elements = steps.Select(s => s.Rec is { } r ? StreamElement.Record(r, r.T) : StreamElement.Watermark<Rec>(s.Watermark)).ToArray();
            var actual = RunOperator(shape, o => o.Count(), Replay(elements));
            var sums = RunOperator(shape, o => o.Sum(r => r.V), Replay(elements));
            Compare(shape, Reference(shape, steps), actual, sums, steps.Count(s => s.Rec is not null));
        }, iter: 400);

    [Fact]
    public void NothingIsLateWhenTheBoundCoversTheDisorder() =>
        Gen.Select(GenShape, GenRec.Array[0, 40], Gen.Long[0, 5]).Sample((shape, records, extra) =>
        {
            long disorder = 0, max = long.MinValue;
            foreach (var r in records)
            {
                if (max != long.MinValue)
                {
                    disorder = Math.Max(disorder, max - r.T);
                }

                max = Math.Max(max, r.T);
            }

            var bound = disorder + extra;
            var actual = RunOperator(shape, o => o.Count(), records.ToObservable(ImmediateScheduler.Instance)
                .WithEventTime(r => r.T, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(bound))));
            var reference = Reference(shape, WithBoundedWatermarks(records, bound));
            Assert.Equal(0, reference.Dropped);
            Assert.Equal(0, actual.Counters.LateRecordsDropped);
            Assert.Equal(0, actual.Late.Count);
            if (shape.Kind != Kind.Session)
            {
                Assert.Equal(reference.Final.Count, actual.Last.Count);
                Assert.All(reference.Final, f => Assert.Equal(f.Value.Count, actual.Last[f.Key]));
            }
        }, iter: 300);

    // ---- the reference model -------------------------------------------------------------------------------

    /// <summary>The records with the watermarks a bounded out-of-orderness strategy puts after them (max seen − bound).</summary>
    private static Step[] WithBoundedWatermarks(Rec[] records, long bound)
    {
        var steps = new List<Step>();
        var max = long.MinValue;
        foreach (var r in records)
        {
            steps.Add(new Step(r, 0));
            max = Math.Max(max, r.T);
            steps.Add(new Step(null, max - bound));
        }

        return steps.ToArray();
    }

    /// <summary>Positive remainder.</summary>
    private static long Mod(long x, long m) => ((x % m) + m) % m;

    /// <summary>Every window [s, s + size) with s aligned to offset modulo slide that contains t, by brute force.</summary>
    private static List<(long Start, long End)> WindowsOf(Shape shape, long t)
    {
        var windows = new List<(long, long)>();
        for (var s = t - shape.Size + 1; s <= t; s++)
        {
            if (Mod(s - shape.Offset, shape.Slide) == 0)
            {
                windows.Add((s, s + shape.Size));
            }
        }

        return windows;
    }

    private static ReferenceResult Reference(Shape shape, IEnumerable<Step> steps)
    {
        var watermark = long.MinValue;
        var final = new Dictionary<(string, long, long), (long Count, long Sum)>();
        var dropped = 0;
        var sessions = new Dictionary<string, List<Session>>();
        foreach (var step in steps)
        {
            if (step.Rec is not { } r)
            {
                watermark = Math.Max(watermark, step.Watermark);
                if (shape.Kind == Kind.Session)
                {
                    // Sessions whose end + lateness the watermark reached are final: they no longer merge.
                    foreach (var (key, list) in sessions)
                    {
                        foreach (var s in list.Where(s => s.End + shape.Lateness <= watermark).ToList())
                        {
                            final.Add((key, s.Start, s.End), (s.Count, s.Sum));
                            list.Remove(s);
                        }
                    }
                }

                continue;
            }

            if (shape.Kind != Kind.Session)
            {
                var open = WindowsOf(shape, r.T).Where(w => w.End + shape.Lateness > watermark).ToList();
                if (open.Count == 0)
                {
                    dropped++;
                }

                foreach (var (start, end) in open)
                {
                    final.TryGetValue((r.Key, start, end), out var agg);
                    final[(r.Key, start, end)] = (agg.Count + 1, agg.Sum + r.V);
                }

                continue;
            }

            var list2 = sessions.TryGetValue(r.Key, out var l) ? l : sessions[r.Key] = new List<Session>();
            var gap = shape.DynamicGap ? r.V : shape.Gap;
            var cover = new Session(r.T, r.T + gap, 1, r.V);
            var touching = list2.Where(s => s.Start <= cover.End && s.End >= cover.Start).ToList();
            foreach (var s in touching)
            {
                cover = new Session(Math.Min(cover.Start, s.Start), Math.Max(cover.End, s.End), cover.Count + s.Count, cover.Sum + s.Sum);
            }

            if (cover.End + shape.Lateness <= watermark)
            {
                dropped++;
                continue;
            }

            list2.RemoveAll(touching.Contains);
            list2.Add(cover);
        }

        foreach (var (key, list) in sessions)
        {
            foreach (var s in list)
            {
                final.Add((key, s.Start, s.End), (s.Count, s.Sum));
            }
        }

        return new ReferenceResult(final, dropped);
    }

    // ---- running the operator and comparing ----------------------------------------------------------------

    private static IObservable<StreamElement<Rec>> Replay(StreamElement<Rec>[] elements) =>
        Observable.Create<StreamElement<Rec>>(o =>
        {
            foreach (var e in elements)
            {
                o.OnNext(e);
            }

            o.OnCompleted();
            return System.Reactive.Disposables.Disposable.Empty;
        });

    private static OperatorResult<TValue> RunOperator<TValue>(
        Shape shape,
        Func<WindowedStream<string, Rec>, IObservable<StreamElement<WindowResult<string, TValue>>>> function,
        IObservable<StreamElement<Rec>> source)
    {
        var counters = new WindowCounters();
        var late = new SideOutput<Record<Rec>>("late");
        WindowAssigner assigner = shape.Kind switch
        {
            Kind.Tumbling => TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(shape.Size), TimeSpan.FromMilliseconds(shape.Offset)),
            Kind.Sliding => SlidingEventTimeWindows.Of(TimeSpan.FromMilliseconds(shape.Size), TimeSpan.FromMilliseconds(shape.Slide), TimeSpan.FromMilliseconds(shape.Offset)),
            _ => shape.DynamicGap
                ? EventTimeSessionWindows.WithDynamicGap<Rec>(r => TimeSpan.FromMilliseconds(r.V))
                : EventTimeSessionWindows.WithGap(TimeSpan.FromMilliseconds(shape.Gap)),
        };
        var windowed = source.KeyBy(r => r.Key).Window(assigner)
            .AllowedLateness(TimeSpan.FromMilliseconds(shape.Lateness)).SideOutputLateData(late).WithCounters(counters);
        var last = new Dictionary<(string, long, long), TValue>();
        var completed = false;
        Exception? error = null;
        var previousWatermark = long.MinValue;
        using (function(windowed).Subscribe(
            e =>
            {
                if (e.IsWatermark)
                {
                    Assert.True(e.Timestamp > previousWatermark, "watermarks out of the window operator advance");
                    previousWatermark = e.Timestamp;
                    return;
                }

                Assert.True(e.IsRecord);
                var w = e.Value.Window;
                Assert.Equal(w.End - 1, e.Timestamp);
                last[(e.Value.Key, w.Start, w.End)] = e.Value.Value;
            },
            ex => error = ex,
            () => completed = true))
        {
        }

        Assert.Null(error);
        Assert.True(completed);
        Assert.Equal(Watermark.MaxValue, previousWatermark);
        Assert.Equal(0, counters.LiveWindows);
        return new OperatorResult<TValue>(last, counters, late);
    }

    private static void Compare(Shape shape, ReferenceResult reference, OperatorResult<long> counts, OperatorResult<int> sums, int total)
    {
        var context = $"{shape} reference dropped {reference.Dropped}";
        Assert.True(reference.Dropped == counts.Counters.LateRecordsDropped, context + $", operator dropped {counts.Counters.LateRecordsDropped}");
        Assert.Equal(reference.Dropped, counts.Late.Count);
        Assert.Equal(reference.Dropped, sums.Counters.LateRecordsDropped);
        foreach (var (window, agg) in reference.Final)
        {
            Assert.True(counts.Last.TryGetValue(window, out var count), $"{context}: missing {window}");
            Assert.True(agg.Count == count, $"{context}: {window} count {count}, expected {agg.Count}");
            Assert.True(agg.Sum == sums.Last[window], $"{context}: {window} sum {sums.Last[window]}, expected {agg.Sum}");
        }

        foreach (var window in counts.Last.Keys.Concat(sums.Last.Keys).Where(w => !reference.Final.ContainsKey(w)))
        {
            // Only a session that fired and later merged into a larger one may have a result that is not final.
            Assert.True(shape.Kind == Kind.Session, $"{context}: unexpected window {window}");
            Assert.True(
                reference.Final.Keys.Any(f => f.Item1 == window.Item1 && f.Item2 <= window.Item2 && window.Item3 <= f.Item3 && f != window),
                $"{context}: {window} is not covered by a final session");
        }

        if (shape.Kind != Kind.Sliding)
        {
            // Each accepted record ends in exactly one final window.
            Assert.Equal(total, reference.Final.Values.Sum(a => a.Count) + reference.Dropped);
            Assert.Equal(total, reference.Final.Keys.Sum(w => counts.Last[w]) + counts.Counters.LateRecordsDropped);
        }
    }

    private enum Kind
    {
        Tumbling,
        Sliding,
        Session,
    }

    private readonly record struct Rec(string Key, long T, int V);

    private sealed record Step(Rec? Rec, long Watermark);

    private sealed record Shape(Kind Kind, long Size, long Slide, long Offset, long Gap, bool DynamicGap, long Lateness);

    private sealed record Session(long Start, long End, long Count, long Sum);

    private sealed record ReferenceResult(Dictionary<(string, long, long), (long Count, long Sum)> Final, int Dropped);

    private sealed record OperatorResult<TValue>(Dictionary<(string, long, long), TValue> Last, WindowCounters Counters, SideOutput<Record<Rec>> Late);
}
