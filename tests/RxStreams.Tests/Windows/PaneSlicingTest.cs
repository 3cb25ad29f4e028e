using System.Reactive.Subjects;
using CsCheck;
using RxStreams.Testing;

namespace RxStreams.Tests.Windows;

/// <summary>
/// Sliding event-time windows whose size is a multiple of the slide are sliced into panes when they count: random keyed
/// streams (disorder, watermarks, allowed lateness) go through the sliced path and the per-window path
/// (<c>WithoutSlicing</c>), which must be indistinguishable: the same elements in the same order, the same late data
/// and counters, and the same live windows after every input element.
/// </summary>
public class PaneSlicingTest
{
    private static readonly string[] Keys = ["a", "b", "c", "d"];

    private static readonly Gen<Shape> GenShape =
        Gen.Select(Gen.Long[1, 6], Gen.Int[1, 5], Gen.Long[0, 100], Gen.Long[0, 30], Gen.Int[0, 6],
            (slide, panes, offset, lateness, origin) => new Shape(
                slide * panes,
                slide,
                (offset % ((2 * slide) - 1)) - (slide - 1),
                lateness,

                // Mostly ordinary times; sometimes the ends of time, where records of a window take both paths.
                origin switch { 0 => long.MinValue + 100, 1 => long.MaxValue - 200, 2 => long.MaxValue - 160, _ => 0 }));

    /// <summary>A record (key, time offset), or one time in five a watermark (time offset).</summary>
    private static readonly Gen<Step> GenStep =
        Gen.Select(Gen.Int[0, 4], Gen.Int[0, 3], Gen.Long[-20, 120], (kind, key, t) => new Step(kind == 0 ? null : Keys[key], t));

    [Fact]
    public void SlicedCountsMatchThePerWindowPath() =>
        Gen.Select(GenShape, GenStep.Array[0, 60]).Sample((shape, steps) =>
        {
            var elements = Elements(shape, steps);
            var sliced = Run(shape, elements, slicing: true);
            var perWindow = Run(shape, elements, slicing: false);
            Assert.Equal(perWindow.Output, sliced.Output);
            Assert.Equal(perWindow.Results, sliced.Results);
            Assert.Equal(perWindow.Late, sliced.Late);
            Assert.Equal(perWindow.LiveWindows, sliced.LiveWindows);
            Assert.Equal(perWindow.Counters, sliced.Counters);
            Assert.Equal(0, sliced.LiveWindows[^1]);
        }, iter: 2000);

    [Fact]
    public void AnOrderedStreamMatchesThePerWindowPath()
    {
        // A long in-order stream with a bounded watermark: every window fires on time, and panes are freed as they go.
        var shape = new Shape(10, 2, 0, 3, 0);
        var steps = Enumerable.Range(0, 400)
            .Select(i => i % 7 == 6 ? new Step(null, (i / 2) + 2) : new Step(Keys[i % 4], i / 2))
            .ToArray();
        var elements = Elements(shape, steps);
        var sliced = Run(shape, elements, slicing: true);
        var perWindow = Run(shape, elements, slicing: false);
        Assert.Equal(perWindow.Output, sliced.Output);
        Assert.Equal(perWindow.Results, sliced.Results);
        Assert.Equal(perWindow.LiveWindows, sliced.LiveWindows);
        Assert.Contains("~late", sliced.Output, StringComparison.Ordinal);
    }

    private static StreamElement<Rec>[] Elements(Shape shape, Step[] steps) =>
        steps.Select(s => s.Key is { } key
                ? StreamElement.Record(new Rec(key, shape.Origin + s.Time), shape.Origin + s.Time)
                : StreamElement.Watermark<Rec>(shape.Origin + s.Time))
            .ToArray();

    private static Outcome Run(Shape shape, StreamElement<Rec>[] elements, bool slicing)
    {
        var counters = new WindowCounters();
        var late = new SideOutput<Record<Rec>>("late");
        var lateSeen = new List<string>();
        using var lateSubscription = late.Subscribe(r => lateSeen.Add(r.ToString()));
        var source = new Subject<StreamElement<Rec>>();
        var windowed = source.KeyBy(r => r.Key)
            .Window(SlidingEventTimeWindows.Of(TimeSpan.FromMilliseconds(shape.Size), TimeSpan.FromMilliseconds(shape.Slide), TimeSpan.FromMilliseconds(shape.Offset)))
            .AllowedLateness(TimeSpan.FromMilliseconds(shape.Lateness))
            .SideOutputLateData(late)
            .WithCounters(counters);
        if (!slicing)
        {
            windowed = windowed.WithoutSlicing();
        }

        var output = new Collector<StreamElement<WindowResult<string, long>>>();
        var live = new List<long>();
        using (windowed.Count().Subscribe(output))
        {
            foreach (var element in elements)
            {
                source.OnNext(element);
                live.Add(counters.LiveWindows);
            }

            source.OnCompleted();
            live.Add(counters.LiveWindows);
        }

        Assert.Null(output.Error);
        Assert.True(output.Completed);
        var results = output.Items.Select(e => e.IsRecord ? $"{e.Timestamp}:{e.Value}:{e.Value.Firing}:{e.Value.FiringIndex}:{e.Value.ReplacesPrevious}" : $"{e.Kind}@{e.Timestamp}").ToList();
        return new Outcome(
            StreamDescription.Format(output.Items),
            results,
            lateSeen,
            live,
            (counters.LateRecordsDropped, counters.RecordsOutsideWindows, counters.Firings));
    }

    private readonly record struct Rec(string Key, long T);

    private sealed record Step(string? Key, long Time);

    private sealed record Shape(long Size, long Slide, long Offset, long Lateness, long Origin);

    private sealed record Outcome(string Output, List<string> Results, List<string> Late, List<long> LiveWindows, (long Late, long Outside, long Firings) Counters);
}
