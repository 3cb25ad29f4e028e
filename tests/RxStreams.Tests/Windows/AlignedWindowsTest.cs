using System.Reactive;
using System.Reactive.Subjects;
using CsCheck;
using RxStreams.Testing;
using RxStreams.Tests.Core;

namespace RxStreams.Tests.Windows;

/// <summary>
/// Tumbling event-time windows under the event-time trigger with no allowed lateness take the operator's aligned path
/// (a table per window, keyed by key). Random keyed and non-keyed streams (disorder, watermarks, late data, the ends of
/// time, failing key selectors and functions, with and without dead letters) go through it and through the per-window
/// path (<c>WithoutSlicing</c>), which must be indistinguishable: the same elements in the same order, the same late
/// data, dead letters and counters, and the same live windows after every input element; and the aligned path fed in
/// random batches gives the same output as the per-window path fed one element at a time.
/// </summary>
public class AlignedWindowsTest
{
    private static readonly string[] Keys = ["a", "b", "c", "d", "e"];

    private static readonly Gen<Shape> GenShape =
        Gen.Select(Gen.Long[1, 12], Gen.Long[0, 100], Gen.Int[0, 6], Gen.Int[0, 5], Gen.Bool,
            (size, offset, origin, function, deadLetters) => new Shape(
                size,
                offset % size,

                // Mostly ordinary times; sometimes the ends of time, where windows are clamped.
                origin switch { 0 => long.MinValue + 50, 1 => long.MaxValue - 120, 2 => long.MaxValue - 60, _ => 0 },
                (Function)function,
                deadLetters));

    /// <summary>A record (key, time offset, value), or one time in five a watermark (time offset).</summary>
    private static readonly Gen<Step> GenStep =
        Gen.Select(Gen.Int[0, 4], Gen.Int[0, 4], Gen.Long[-20, 100], Gen.Int[0, 30],
            (kind, key, t, v) => new Step(kind == 0 ? null : Keys[key], t, v));

    [Fact]
    public void TheAlignedPathMatchesThePerWindowPath() =>
        Gen.Select(GenShape, GenStep.Array[0, 60]).Sample((shape, steps) =>
        {
            var elements = Elements(shape, steps);
            var aligned = Run(shape, elements, aligned: true, batches: 0);
            var perWindow = Run(shape, elements, aligned: false, batches: 0);
            Assert.Equal(perWindow, aligned);
        }, iter: 3000);

    [Fact]
    public void BatchesOnTheAlignedPathMatchThePerWindowPathOneByOne() =>
        Gen.Select(GenShape, GenStep.Array[0, 60], Gen.Int[1, 8]).Sample((shape, steps, slice) =>
        {
            var elements = Elements(shape, steps);
            var batched = Run(shape, elements, aligned: true, batches: slice);
            var perWindow = Run(shape, elements, aligned: false, batches: 0);
            Assert.Equal(perWindow.Output, batched.Output);
            Assert.Equal(perWindow.Late, batched.Late);
            Assert.Equal(perWindow.DeadLetters, batched.DeadLetters);
            Assert.Equal(perWindow.Counters, batched.Counters);
            Assert.Equal(perWindow.LiveWindows[^1], batched.LiveWindows[^1]);
        }, iter: 2000);

    [Fact]
    public void SlicedSlidingWindowsMatchThePerWindowPath() =>
        Gen.Select(GenShape, Gen.Long[1, 6], Gen.Int[2, 5], GenStep.Array[0, 60], Gen.Int[0, 8]).Sample((tumbling, slide, panes, steps, slice) =>
        {
            // Counts, whose sliding windows the operator slices into panes; with no allowed lateness the panes take the aligned path.
            var shape = tumbling with { Size = slide * panes, Offset = tumbling.Offset % slide, Function = Function.Count, Slide = slide };
            var elements = Elements(shape, steps);
            var perWindow = Run(shape, elements, aligned: false, batches: 0);
            Assert.Equal(perWindow, Run(shape, elements, aligned: true, batches: 0));
            var batched = Run(shape, elements, aligned: true, batches: slice);
            Assert.Equal(perWindow.Output, batched.Output);
            Assert.Equal(perWindow.Late, batched.Late);
            Assert.Equal(perWindow.DeadLetters, batched.DeadLetters);
            Assert.Equal(perWindow.Counters, batched.Counters);
        }, iter: 3000);

    [Fact]
    public void ManyKeysInSlidingWindowsMatchThePerWindowPath()
    {
        var random = new Random(5);
        var elements = new List<StreamElement<Rec>>();
        for (var i = 0; i < 20_000; i++)
        {
            var t = (i / 4) - random.Next(0, 300);
            elements.Add(StreamElement.Record(new Rec("k" + random.Next(0, 2_000), t, random.Next(0, 100)), t));
            if (i % 500 == 499)
            {
                elements.Add(StreamElement.Watermark<Rec>((i / 4) - 300));
            }
        }

        var shape = new Shape(100, 3, 0, Function.Count, false) { Slide = 20 };
        var aligned = Run(shape, [.. elements], aligned: true, batches: 0);
        Assert.Equal(Run(shape, [.. elements], aligned: false, batches: 0), aligned);
        Assert.Equal(aligned.Output, Run(shape, [.. elements], aligned: true, batches: 100).Output);
        Assert.Equal(0, aligned.LiveWindows[^1]);
    }

    [Fact]
    public void NonKeyedWindowsMatchThePerWindowPath() =>
        Gen.Select(Gen.Long[1, 12], GenStep.Array[0, 60], Gen.Int[0, 8]).Sample((size, steps, slice) =>
        {
            var elements = Elements(new Shape(size, 0, 0, Function.Max, false), steps);
            Assert.Equal(RunAll(size, elements, aligned: false, 0), RunAll(size, elements, aligned: true, slice));
        }, iter: 1000);

    [Fact]
    public void ManyKeysAndWindowsMatchThePerWindowPath()
    {
        // Tables that grow, open windows that interleave, and tables reused for later windows.
        var random = new Random(7);
        var elements = new List<StreamElement<Rec>>();
        for (var i = 0; i < 20_000; i++)
        {
            var t = (i / 4) - random.Next(0, 300);
            elements.Add(StreamElement.Record(new Rec("k" + random.Next(0, 3_000), t, random.Next(0, 100)), t));
            if (i % 500 == 499)
            {
                elements.Add(StreamElement.Watermark<Rec>((i / 4) - 300));
            }
        }

        var shape = new Shape(100, 7, 0, Function.Count, false);
        var aligned = Run(shape, [.. elements], aligned: true, batches: 0);
        var perWindow = Run(shape, [.. elements], aligned: false, batches: 0);
        Assert.Equal(perWindow, aligned);
        Assert.Equal(0, aligned.LiveWindows[^1]);
        Assert.True(aligned.Output.Length > 100_000);
    }

    [Fact]
    public void TablesLargerThanTheCachesMatchThePerWindowPathInBatches()
    {
        // 100,000 keys a window: the batched path touches keys ahead of their lookups; the key selector fails on some
        // records (dead letters), and a few records are late.
        var random = new Random(11);
        var elements = new List<StreamElement<Rec>>();
        for (var i = 0; i < 400_000; i++)
        {
            var t = (i / 100) - random.Next(0, 50);
            var key = random.Next(0, 100_000);
            elements.Add(StreamElement.Record(new Rec(key == 5 ? "e" : "k" + key, t, key == 5 ? 13 : 1), t));
            if (i % 1_000 == 999)
            {
                elements.Add(StreamElement.Watermark<Rec>((i / 100) - 45));
            }
        }

        var shape = new Shape(1_000, 0, 0, Function.Count, DeadLetters: true);
        var batched = Run(shape, [.. elements], aligned: true, batches: 1_024);
        var perWindow = Run(shape, [.. elements], aligned: false, batches: 0);
        Assert.Equal(perWindow.Output, batched.Output);
        Assert.Equal(perWindow.Late, batched.Late);
        Assert.Equal(perWindow.DeadLetters, batched.DeadLetters);
        Assert.Equal(perWindow.Counters, batched.Counters);
        Assert.NotEmpty(batched.DeadLetters);
        Assert.Equal(0, batched.LiveWindows[^1]);
    }

    private static StreamElement<Rec>[] Elements(Shape shape, Step[] steps) =>
        steps.Select(s => s.Key is { } key
                ? StreamElement.Record(new Rec(key, shape.Origin + s.Time, s.Value), shape.Origin + s.Time)
                : StreamElement.Watermark<Rec>(shape.Origin + s.Time))
            .ToArray();

    private static Outcome Run(Shape shape, StreamElement<Rec>[] elements, bool aligned, int batches)
    {
        var counters = new WindowCounters();
        var late = new SideOutput<Record<Rec>>("late");
        var lateSeen = new List<string>();
        using var lateSubscription = late.Subscribe(r => lateSeen.Add(r.ToString()));
        var deadLetters = shape.DeadLetters ? new DeadLetters() : null;
        var letters = new List<string>();
        using var letterSubscription = deadLetters?.Subscribe(l => letters.Add($"{l.Operator} {l.Record}@{l.Timestamp} {l.Key}{l.Window} {l.Accumulator} {l.Error.Message}"));
        var source = new Subject<StreamElement<Rec>>();
        IObservable<StreamElement<Rec>> input = batches > 0 ? BatchSources.InRandomSlices(elements, elements.Length, batches) : source;

        // The key selector fails on one key's records with value 13.
        var windowed = input.KeyBy(r => r.Key == "e" && r.V == 13 ? throw new InvalidOperationException("no key") : r.Key, deadLetters: deadLetters)
            .Window(shape.Slide == 0
                ? TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(shape.Size), TimeSpan.FromMilliseconds(shape.Offset))
                : SlidingEventTimeWindows.Of(TimeSpan.FromMilliseconds(shape.Size), TimeSpan.FromMilliseconds(shape.Slide), TimeSpan.FromMilliseconds(shape.Offset)))
            .SideOutputLateData(late)
            .WithCounters(counters);
        if (!aligned)
        {
            windowed = windowed.WithoutSlicing();
        }

        var output = new ElementLog<string>();
        var live = new List<long>();
        using (Apply(windowed, shape.Function).Subscribe(output))
        {
            if (batches == 0)
            {
                foreach (var element in elements)
                {
                    source.OnNext(element);
                    live.Add(counters.LiveWindows);
                }

                source.OnCompleted();
            }

            live.Add(counters.LiveWindows);
        }

        return new Outcome(
            string.Join(" ", output.Elements),
            string.Join(" ", lateSeen),
            string.Join(" | ", letters),
            string.Join(" ", live),
            (counters.LateRecordsDropped, counters.RecordsOutsideWindows, counters.Firings)) { LiveWindows = live };
    }

    private static IObservable<StreamElement<string>> Apply(WindowedStream<string, Rec> windowed, Function function)
    {
        static IObservable<StreamElement<string>> Text<TValue>(IObservable<StreamElement<WindowResult<string, TValue>>> results) =>
            results.Select(r => $"{r}:{r.Firing}:{r.FiringIndex}:{r.ReplacesPrevious}");

        return function switch
        {
            Function.Count => Text(windowed.Count()),

            // Overflows (and fails) when a window's values add up past int.MaxValue.
            Function.Sum => Text(windowed.Sum(r => r.V >= 28 ? int.MaxValue / 2 : r.V)),
            Function.Max => Text(windowed.Max(r => r.V)),

            // A user aggregation that fails adding value 7, and fails the result of windows that saw value 9.
            Function.Failing => Text(windowed.Aggregate(new FailingSum())),

            // A buffering function that fails on windows holding value 5.
            Function.Process => Text(windowed.Process((k, w, records) => records.Any(r => r.V == 5) ? throw new InvalidOperationException("five") : string.Join("+", records.Select(r => r.V)))),
            _ => Text(windowed.MinBy(r => r.V)),
        };
    }

    private static string RunAll(long size, StreamElement<Rec>[] elements, bool aligned, int batches)
    {
        var counters = new WindowCounters();
        var windowed = (batches > 0 ? BatchSources.InRandomSlices(elements, elements.Length, batches) : BatchSources.OneByOne(elements))
            .WindowAll(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(size))).WithCounters(counters);
        if (!aligned)
        {
            windowed = windowed.WithoutSlicing();
        }

        var output = new ElementLog<WindowResult<Unit, int>>();
        using (windowed.Max(r => r.V).Subscribe(output))
        {
        }

        return string.Join(" ", output.Elements) + $" live {counters.LiveWindows} late {counters.LateRecordsDropped} fired {counters.Firings}";
    }

    private sealed class FailingSum : IAggregateFunction<Rec, long, long>
    {
        public long CreateAccumulator() => 0;

        public void Add(ref long accumulator, Rec value)
        {
            if (value.V == 7)
            {
                throw new InvalidOperationException("seven");
            }

            accumulator += value.V == 9 ? 1_000_000 : value.V;
        }

        public long GetResult(in long accumulator) => accumulator >= 1_000_000 ? throw new InvalidOperationException("nine") : accumulator;

        public long Merge(long a, long b) => a + b;
    }

    private readonly record struct Rec(string Key, long T, int V);

    private sealed record Step(string? Key, long Time, int Value);

    private enum Function
    {
        Count,
        Sum,
        Max,
        Failing,
        Process,
        MinBy,
    }

    private sealed record Shape(long Size, long Offset, long Origin, Function Function, bool DeadLetters)
    {
        /// <summary>Zero for tumbling windows; else sliding windows of <see cref="Size"/> every <see cref="Slide"/>.</summary>
        public long Slide { get; init; }
    }

    private sealed record Outcome(string Output, string Late, string DeadLetters, string Live, (long Late, long Outside, long Firings) Counters)
    {
        public List<long> LiveWindows { get; init; } = [];

        public bool Equals(Outcome? other) =>
            other is not null && (Output, Late, DeadLetters, Live, Counters) == (other.Output, other.Late, other.DeadLetters, other.Live, other.Counters);

        public override int GetHashCode() => Output.GetHashCode(StringComparison.Ordinal);
    }
}
