using System.Reactive.Linq;
using Microsoft.Reactive.Testing;

namespace RxStreams.Tests.Diagnostics;

/// <summary>
/// "Why hasn't my window fired?" in virtual time: two sensors merged by a Union into 10 s tumbling windows, one of them
/// silent, slow, or with a large out-of-orderness bound. The explainer must name the input that holds the watermark
/// back, say why, and give the numbers that would release the windows.
/// </summary>
public class WindowExplainerTest : ReactiveTest
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private sealed record Reading(string Sensor, long Time);

    /// <summary>One reading each second of the clock from <paramref name="first"/> to <paramref name="last"/>, at event time clock − <paramref name="lag"/>.</summary>
    private static IObservable<Reading> Sensor(TestScheduler clock, string name, int first, int last, long lag = 0) =>
        clock.CreateHotObservable(Enumerable.Range(first, last - first + 1)
            .Select(s => OnNext(TimeSpan.FromSeconds(s).Ticks, new Reading(name, (s * 1000L) - lag)))
            .ToArray());

    private static IObservable<StreamElement<Reading>> Events(IObservable<Reading> sensor, string uid, TimeSpan bound, Func<WatermarkStrategy, WatermarkStrategy>? configure = null) =>
        sensor.WithEventTime(r => r.Time, (configure ?? (s => s))(WatermarkStrategy.ForBoundedOutOfOrderness(bound))).Uid(uid);

    /// <summary>a ∪ b, counted per sensor in 10 s tumbling windows, explained; runs the clock to <paramref name="seconds"/>.</summary>
    private static (WindowExplanation Report, List<WindowResult<string, long>> Results) Run(
        TestScheduler clock, IObservable<StreamElement<Reading>> a, IObservable<StreamElement<Reading>> b, int seconds)
    {
        var explainer = new WindowExplainer(clock);
        var results = new List<WindowResult<string, long>>();
        a.Union(b)
            .KeyBy(r => r.Sensor)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(10)))
            .Count()
            .WithExplainer(explainer)
            .Values()
            .Subscribe(results.Add);
        clock.AdvanceTo(TimeSpan.FromSeconds(seconds).Ticks);
        return (explainer.Explain(), results);
    }

    // Node ids, as DescribeGraph numbers them: each sensor's hot observable, then its WithEventTime; the Union; the window.
    private const int A = 1;
    private const int B = 3;
    private const int Union = 4;
    private const int Windows = 5;

    [Fact]
    public void An_idle_source_that_holds_back_the_union_is_named_silent_with_the_watermark_idleness_would_give()
    {
        var clock = new TestScheduler();
        var (report, results) = Run(clock, Events(Sensor(clock, "a", 1, 60), "a", Second), Events(Sensor(clock, "b", 1, 5), "b", Second), 60);

        Assert.Empty(results);
        var hold = Assert.Single(report.Holds);
        Assert.Equal(Windows, hold.Operator);
        Assert.Equal(new TimeWindow(0, 10_000), hold.Window);
        Assert.Equal(10_000, hold.Needs);
        Assert.Equal(4_000, hold.Watermark);
        Assert.Equal([Windows, Union, B], hold.Path);
        Assert.Equal(B, hold.Input);
        Assert.Equal(HoldReason.Silent, hold.Reason);
        Assert.Equal(59_000, hold.WatermarkIfIdle);
        Assert.Null(hold.BoundToFire);

        var b = report.Operator(B);
        Assert.Equal("WithEventTime \"b\"", b.Label);
        Assert.Equal(new SourceExplanation(5, 5_000, Second, null, false, false, TimeSpan.FromSeconds(55)), b.Source);
        Assert.Equal(
            [new InputExplanation(A, 59_000, false, false), new InputExplanation(B, 4_000, false, true)],
            report.Operator(Union).Inputs);
        Assert.Equal(4_000, report.Operator(Union).Watermark);
        Assert.Equal(
            [
                "WithEventTime \"b\" has sent nothing for 55 s (its newest record is at 5000) and is not marked idle.",
                "Give WithEventTime \"b\"'s WatermarkStrategy .WithIdleness(timeout, clock): while it is silent, Union #4 follows its other inputs, " +
                "and the watermark here would reach 59000, firing 5 of the 7 waiting windows. Pick a timeout under 55 s.",
            ],
            hold.Suggestions);
    }

    [Fact]
    public void The_idle_report_as_text()
    {
        var clock = new TestScheduler();
        var (report, _) = Run(clock, Events(Sensor(clock, "a", 1, 60), "a", Second), Events(Sensor(clock, "b", 1, 5), "b", Second), 60);

        Assert.Equal(
            """
            WindowCount #5: [0, 10000) waits for watermark 10000; the watermark is 4000.
              Held back by WithEventTime "b" via Union #4: silent, not marked idle.
              - WithEventTime "b" has sent nothing for 55 s (its newest record is at 5000) and is not marked idle.
              - Give WithEventTime "b"'s WatermarkStrategy .WithIdleness(timeout, clock): while it is silent, Union #4 follows its other inputs, and the watermark here would reach 59000, firing 5 of the 7 waiting windows. Pick a timeout under 55 s.
            Operators:
              HotObservable #0
              WithEventTime "a": watermark 59000; 60 records, newest 60000, last 0 ms ago, bound 1 s
              HotObservable #2
              WithEventTime "b": watermark 4000; 5 records, newest 5000, last 55 s ago, bound 1 s
              Union #4: watermark 4000; inputs WithEventTime "a" at 59000, WithEventTime "b" at 4000 (holds it back)
              WindowCount #5: watermark 4000
                [0, 10000) 2 keys, fires at 10000, state until 10000
                [10000, 20000) 1 key, fires at 20000, state until 20000
                [20000, 30000) 1 key, fires at 30000, state until 30000
                [30000, 40000) 1 key, fires at 40000, state until 40000
                [40000, 50000) 1 key, fires at 50000, state until 50000
                [50000, 60000) 1 key, fires at 60000, state until 60000
                [60000, 70000) 1 key, fires at 70000, state until 70000

            """.ReplaceLineEndings("\n"),
            report.ToString());
    }

    [Fact]
    public void Idleness_releases_the_windows_and_the_explainer_then_names_the_active_source_with_nothing_wrong()
    {
        var clock = new TestScheduler();
        var b = Events(Sensor(clock, "b", 1, 5), "b", Second, s => s.WithIdleness(TimeSpan.FromSeconds(10), clock));
        var (report, results) = Run(clock, Events(Sensor(clock, "a", 1, 60, lag: 500), "a", Second), b, 60);

        Assert.Equal(6, results.Count); // [0, 10000) for a and b, then a's windows up to [40000, 50000)
        var hold = Assert.Single(report.Holds);
        Assert.Equal(new TimeWindow(50_000, 60_000), hold.Window);
        Assert.Equal(58_500, hold.Watermark);
        Assert.Equal([Windows, Union, A], hold.Path);
        Assert.Equal(HoldReason.EventTime, hold.Reason);
        Assert.Equal(
            [new InputExplanation(A, 58_500, false, true), new InputExplanation(B, 4_000, true, false)],
            report.Operator(Union).Inputs);
        Assert.Equal(new SourceExplanation(5, 5_000, Second, TimeSpan.FromSeconds(10), true, false, TimeSpan.FromSeconds(55)), report.Operator(B).Source);
        Assert.Equal(
            ["Nothing holds it back: event time has not reached the end of [50000, 60000) yet. WithEventTime \"a\"'s newest record is at 59500; with its bound of 1 s, a record at 61000 or later fires it."],
            hold.Suggestions);
    }

    [Fact]
    public void A_slow_source_that_holds_back_the_union_is_named_behind_with_how_far_it_trails()
    {
        var clock = new TestScheduler();
        var (report, results) = Run(clock, Events(Sensor(clock, "a", 1, 60), "a", Second), Events(Sensor(clock, "b", 1, 60, lag: 30_500), "b", Second), 60);

        // The Union's watermark is b's, 28500: b's five windows from [-30000, -20000) to [10000, 20000) fired, and a's first two.
        Assert.Equal(7, results.Count);
        var hold = Assert.Single(report.Holds);
        Assert.Equal(new TimeWindow(20_000, 30_000), hold.Window);
        Assert.Equal(28_500, hold.Watermark);
        Assert.Equal([Windows, Union, B], hold.Path);
        Assert.Equal(HoldReason.Behind, hold.Reason);
        Assert.Null(hold.WatermarkIfIdle);
        Assert.Equal(TimeSpan.Zero, report.Operator(B).Source!.SinceLastRecord);
        Assert.Equal(
            ["WithEventTime \"b\" sends records (the last 0 ms ago) but its event time trails WithEventTime \"a\" by 30.5 s, and Union #4 follows its slowest input. " +
             "[20000, 30000) fires when WithEventTime \"b\"'s watermark reaches 30000 (1.5 s to go); idleness would not help, as it is not silent."],
            hold.Suggestions);
    }

    [Fact]
    public void A_large_bound_that_holds_back_the_union_is_named_with_the_bound_that_fires_the_window_now()
    {
        var clock = new TestScheduler();
        var (report, results) = Run(clock, Events(Sensor(clock, "a", 1, 100), "a", TimeSpan.FromMinutes(1)), Events(Sensor(clock, "b", 1, 100), "b", Second), 100);

        // a's watermark is 100000 − 60000: the windows up to [30000, 40000) fired, for both sensors.
        Assert.Equal(8, results.Count);
        var hold = Assert.Single(report.Holds);
        Assert.Equal(new TimeWindow(40_000, 50_000), hold.Window);
        Assert.Equal(40_000, hold.Watermark);
        Assert.Equal([Windows, Union, A], hold.Path);
        Assert.Equal(A, hold.Input);
        Assert.Equal(HoldReason.Bound, hold.Reason);
        Assert.Equal(TimeSpan.FromSeconds(50), hold.BoundToFire);
        Assert.Equal(
            ["WithEventTime \"a\"'s newest record is at 100000, past the end of [40000, 50000), but its out-of-orderness bound of 1 min holds its watermark at 40000. " +
             "A bound of 50 s (10 s less) would fire [40000, 50000) now; records more out of order than the bound are late."],
            hold.Suggestions);
    }

    [Fact]
    public void A_source_without_records_holds_back_the_union_until_idleness_would_let_it_go()
    {
        var clock = new TestScheduler();
        var (report, _) = Run(clock, Events(Sensor(clock, "a", 1, 30), "a", Second), Events(Sensor(clock, "b", 40, 50), "b", Second), 30);

        var hold = Assert.Single(report.Holds);
        Assert.Equal(Watermark.MinValue, hold.Watermark);
        Assert.Equal(B, hold.Input);
        Assert.Equal(HoldReason.NoRecords, hold.Reason);
        Assert.Equal(29_000, hold.WatermarkIfIdle);
        Assert.Equal(new SourceExplanation(0, null, Second, null, false, false, null), report.Operator(B).Source);
    }

    [Fact]
    public void Before_the_stream_is_subscribed_the_operators_are_listed_without_watermarks()
    {
        var clock = new TestScheduler();
        var explainer = new WindowExplainer(clock);
        Events(Sensor(clock, "a", 1, 5), "a", Second)
            .KeyBy(r => r.Sensor)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(10)))
            .Count()
            .WithExplainer(explainer);

        var report = explainer.Explain();
        Assert.False(report.IsRunning);
        Assert.Equal(["HotObservable", "WithEventTime", "WindowCount"], report.Operators.Select(o => o.Name));
        Assert.All(report.Operators, o => Assert.Null(o.Watermark));
        Assert.Empty(report.Holds);
        Assert.StartsWith("Not running: subscribe the stream that WithExplainer returned.\n", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_subscription_replaces_the_operators_of_the_previous_one()
    {
        var clock = new TestScheduler();
        var explainer = new WindowExplainer(clock);
        var explained = Events(Sensor(clock, "a", 1, 20), "a", Second)
            .KeyBy(r => r.Sensor)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(10)))
            .Count()
            .WithExplainer(explainer);
        using (explained.Subscribe())
        {
            clock.AdvanceTo(TimeSpan.FromSeconds(12).Ticks);
        }

        using var second = explained.Subscribe();
        clock.AdvanceTo(TimeSpan.FromSeconds(15).Ticks);

        // The second subscription saw the readings at 13, 14 and 15 s only.
        var source = explainer.Explain().Operator(1).Source!;
        Assert.Equal(3, source.Records);
        Assert.Equal(15_000, source.NewestTimestamp);
    }

    [Fact]
    public void Inputs_that_carry_their_own_watermarks_are_named_by_the_union_channel_that_holds_it_back()
    {
        var clock = new TestScheduler();
        var explainer = new WindowExplainer(clock);
        var left = new System.Reactive.Subjects.Subject<StreamElement<string>>();
        var right = new System.Reactive.Subjects.Subject<StreamElement<string>>();
        left.Union(right)
            .KeyBy(v => v)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(10)))
            .Count()
            .WithExplainer(explainer)
            .Subscribe();
        left.OnNext(StreamElement.Record("x", 3));
        left.OnNext(StreamElement.Watermark<string>(25));

        var waiting = explainer.Explain().Holds.Single();
        Assert.Equal(1, waiting.Input); // the right Subject: no watermark yet
        Assert.Equal(HoldReason.NoRecords, waiting.Reason);
        Assert.Equal(25, waiting.WatermarkIfIdle);

        right.OnNext(StreamElement.Watermark<string>(7));
        var behind = explainer.Explain().Holds.Single();
        Assert.Equal(1, behind.Input);
        Assert.Equal(HoldReason.Behind, behind.Reason);
        Assert.Equal(7, behind.Watermark);
    }

    [Fact]
    public void The_silence_threshold_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new WindowExplainer(new TestScheduler(), TimeSpan.Zero));
}
