using System.Reactive.Subjects;
using Microsoft.Reactive.Testing;
using static RxStreams.Tests.Windows.WindowHarness;

namespace RxStreams.Tests.Windows;

public class WindowErrorsTest
{
    private static WindowedStream<string, string> Tumbling5(IObservable<StreamElement<string>> s) =>
        s.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(5)));

    [Fact]
    public void ThrowingAddFailsTheStreamNamingTheOperator()
    {
        var run = Collect("a:1@1 W5 a:0@6 a:2@7", s => Tumbling5(s).Aggregate(new ThrowingFunction(throwOnAdd: 0)));
        Assert.Equal("a[0,5)=1@4 W5", run.Text);
        var error = Assert.IsType<StreamOperatorException>(run.Error);
        Assert.Equal("WindowAggregate", error.Operator);
        Assert.Equal("a:0", error.Record);
        Assert.Equal(6, error.Timestamp);
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Equal("a", error.Key);
        Assert.Equal(new TimeWindow(5, 10), error.Window);
        Assert.Equal("WindowAggregate failed on record 'a:0' for key 'a' in window [5,10) at timestamp 6: boom", error.Message);
        Assert.False(run.Completed);
    }

    [Fact]
    public void ThrowingResultFailsTheStreamAtTheFiringWatermark()
    {
        var run = Collect("a:1@1 b:-1@2 W5", s => Tumbling5(s).Aggregate(new ThrowingFunction(throwOnResult: -1)));
        Assert.Equal("a[0,5)=1@4", run.Text);
        var error = Assert.IsType<StreamOperatorException>(run.Error);
        Assert.Equal("WindowAggregate", error.Operator);
        Assert.Null(error.Record);
        Assert.Equal(4, error.Timestamp);
        Assert.Equal("b", error.Key);
        Assert.Equal(new TimeWindow(0, 5), error.Window);
        Assert.Equal("WindowAggregate failed for key 'b' in window [0,5) at timestamp 4: result", error.Message);
    }

    [Fact]
    public void ThrowingProcessFailsTheStream()
    {
        var run = Collect("a@1 W5", s => Tumbling5(s).Process<int>((_, _, _) => throw new InvalidOperationException("nope")));
        Assert.Equal(string.Empty, run.Text);
        var error = Assert.IsType<StreamOperatorException>(run.Error);
        Assert.Equal("WindowProcess", error.Operator);
        Assert.Equal("nope", error.InnerException!.Message);
    }

    [Fact]
    public void SumOverflowFailsTheStream()
    {
        var run = Collect($"a:{int.MaxValue}@1 a:1@2 W5", s => Tumbling5(s).Sum(V));
        var error = Assert.IsType<StreamOperatorException>(run.Error);
        Assert.Equal("WindowSum", error.Operator);
        Assert.IsType<OverflowException>(error.InnerException);
        Assert.Equal($"a:1", error.Record);
    }

    [Fact]
    public void SumOverflowWhenSessionsMergeFailsTheStream()
    {
        // Each session's sum fits; a:0@5 bridges them, and the merged sum overflows.
        var run = Collect($"a:{int.MaxValue}@1 a:1@8 a:0@5 W20", s => s.KeyBy(K).Window(EventTimeSessionWindows.WithGap(Ms(5))).Sum(V));
        Assert.Equal(string.Empty, run.Text);
        var error = Assert.IsType<StreamOperatorException>(run.Error);
        Assert.Equal("WindowSum", error.Operator);
        Assert.IsType<OverflowException>(error.InnerException);
        Assert.Equal("WindowSum failed on record 'a:0' for key 'a' in window [1,13) at timestamp 5: Arithmetic operation resulted in an overflow.", error.Message);
    }

    [Fact]
    public void NullKeyFailsWithNullKeyException()
    {
        var run = Collect("a@1 n@2 W5", s => s.KeyBy(r => r == "n" ? null! : r).Window(TumblingEventTimeWindows.Of(Ms(5))).Count());
        var error = Assert.IsType<NullKeyException>(run.Error);
        Assert.Equal("KeyBy", error.Operator);
        Assert.Equal("n", error.Record);
        Assert.Equal(2, error.Timestamp);
        Assert.Equal(string.Empty, run.Text);
    }

    [Fact]
    public void ThrowingKeySelectorFailsTheStream()
    {
        var run = Collect("a@1 W5", s => s.KeyBy<string, string>(_ => throw new FormatException("bad key")).Window(TumblingEventTimeWindows.Of(Ms(5))).Count());
        var error = Assert.IsType<StreamOperatorException>(run.Error);
        Assert.Equal("KeyBy", error.Operator);
        Assert.IsType<FormatException>(error.InnerException);
    }

    [Fact]
    public void DeadLettersKeepTheStreamRunningPastBadRecords()
    {
        var deadLetters = new DeadLetters();
        var letters = new List<DeadLetter>();
        using var _ = deadLetters.Subscribe(letters.Add);
        var counters = new WindowCounters();
        var run = Collect("a:1@1 n:1@2 a:0@3 b:2@4 W5", s => s
            .KeyBy(r => K(r) == "n" ? null! : K(r), deadLetters: deadLetters)
            .Window(TumblingEventTimeWindows.Of(Ms(5)))
            .WithCounters(counters)
            .Aggregate(new ThrowingFunction(throwOnAdd: 0)));
        Assert.Equal("a[0,5)=1@4 b[0,5)=2@4 W5 Wmax", run.Text);
        Assert.Null(run.Error);
        Assert.Equal(["KeyBy n:1 2 NullKeyException", "WindowAggregate a:0 3 InvalidOperationException"],
            letters.Select(l => $"{l.Operator} {l.Record} {l.Timestamp} {l.Error.GetType().Name}"));
        Assert.Equal(0, counters.LiveWindows);
    }

    [Fact]
    public void DeadLettersKeepTheStreamRunningPastAFailingResult()
    {
        var deadLetters = new DeadLetters();
        var letters = new List<DeadLetter>();
        using var _ = deadLetters.Subscribe(letters.Add);
        var counters = new WindowCounters();
        var run = Collect("a:1@1 b:-1@2 c:3@3 W5 a:4@6 W10", s => s
            .KeyBy(K, deadLetters: deadLetters)
            .Window(TumblingEventTimeWindows.Of(Ms(5)))
            .WithCounters(counters)
            .Aggregate(new ThrowingFunction(throwOnResult: -1)));
        Assert.Equal("a[0,5)=1@4 c[0,5)=3@4 W5 a[5,10)=4@9 W10 Wmax", run.Text);
        Assert.Null(run.Error);
        Assert.Equal(["WindowAggregate  4 InvalidOperationException"],
            letters.Select(l => $"{l.Operator} {l.Record} {l.Timestamp} {l.Error.GetType().Name}"));

        // The aggregated window keeps no records: its key, window and accumulator are the dead letter.
        Assert.Equal(("b", new TimeWindow(0, 5), (object?)(-1)), (letters[0].Key, letters[0].Window, letters[0].Accumulator));
        Assert.Equal(0, counters.LiveWindows);
    }

    [Fact]
    public void ThrowingTriggerFailsTheStreamOrGoesToTheDeadLetters()
    {
        var failed = Collect("a@1 a@6 a@12 W20", s => Tumbling5(s).Trigger(new ThrowingTrigger()).Count());
        Assert.Equal("a[0,5)=1@4", failed.Text);
        var error = Assert.IsType<StreamOperatorException>(failed.Error);
        Assert.Equal("Trigger", error.Operator);
        Assert.Equal(9, error.Timestamp);
        Assert.Equal("Trigger failed for key 'a' in window [5,10) at timestamp 9: ThrowingTrigger.OnEventTime threw InvalidOperationException: trigger", error.Message);

        var deadLetters = new DeadLetters();
        var letters = new List<DeadLetter>();
        using var _ = deadLetters.Subscribe(letters.Add);
        var counters = new WindowCounters();
        var run = Collect("a@1 a@6 a@12 W20", s => s.KeyBy(K, deadLetters: deadLetters).Window(TumblingEventTimeWindows.Of(Ms(5)))
            .Trigger(new ThrowingTrigger()).WithCounters(counters).Count());
        Assert.Equal("a[0,5)=1@4 a[10,15)=1@14 W20 Wmax", run.Text);
        Assert.Equal(["Trigger  9 InvalidOperationException"], letters.Select(l => $"{l.Operator} {l.Record} {l.Timestamp} {l.Error.GetType().Name}"));
        Assert.Equal(("a", new TimeWindow(5, 10), (object?)1L), (letters[0].Key, letters[0].Window, letters[0].Accumulator));
        Assert.Equal(0, counters.LiveWindows);
    }

    [Fact]
    public void ZeroDynamicGapFailsTheStream()
    {
        var run = Collect("a:1@1 a:0@2", s => s.KeyBy(K).Window(EventTimeSessionWindows.WithDynamicGap<string>(r => Ms(V(r)))).Count());
        var error = Assert.IsType<StreamOperatorException>(run.Error);
        Assert.Equal("Window", error.Operator);
        Assert.Equal("a", error.Key);
        Assert.Equal("a:0", error.Record);
        Assert.IsType<ArgumentOutOfRangeException>(error.InnerException);
    }

    [Fact]
    public void DynamicGapForAnotherRecordTypeThrowsAtSubscription()
    {
        var windows = new Subject<StreamElement<string>>().KeyBy(K)
            .Window(EventTimeSessionWindows.WithDynamicGap<int>(i => Ms(i))).Count();
        Assert.Throws<ArgumentException>(() => windows.Subscribe(_ => { }));
    }

    [Fact]
    public void ProcessingTimeTriggerWithoutAClockFailsTheStream()
    {
        var run = Collect("a@1 W5", s => Tumbling5(s).Trigger(WindowTrigger.ProcessingTime()).Count());
        var error = Assert.IsType<StreamOperatorException>(run.Error);
        Assert.Equal("Trigger", error.Operator);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public void AssignerAndTriggerMustShareTheirScheduler()
    {
        var windowed = new Subject<StreamElement<string>>().KeyBy(K)
            .Window(TumblingProcessingTimeWindows.Of(Ms(5), new TestScheduler()))
            .Trigger(WindowTrigger.ProcessingTime().WithEarlyFirings(Ms(1), new TestScheduler()));
        Assert.Throws<ArgumentException>(() => windowed.Count());
    }

    [Fact]
    public void UpstreamErrorsPassThroughUnwrapped()
    {
        var input = new Subject<StreamElement<string>>();
        Exception? seen = null;
        var elements = new List<StreamElement<WindowResult<string, long>>>();
        using var _ = Tumbling5(input).Count().Subscribe(elements.Add, e => seen = e);
        input.OnNext(StreamElement.Record("a", 1));
        var boom = new TimeoutException("upstream");
        input.OnError(boom);
        Assert.Same(boom, seen);
        Assert.Empty(elements);
    }

    [Fact]
    public void ArgumentsAreValidated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TumblingEventTimeWindows.Of(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => TumblingEventTimeWindows.Of(Ms(5), Ms(5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => TumblingEventTimeWindows.Of(Ms(5), Ms(-5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => SlidingEventTimeWindows.Of(Ms(10), TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => SlidingEventTimeWindows.Of(Ms(10), Ms(5), Ms(5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => EventTimeSessionWindows.WithGap(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => WindowTrigger.Count(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => WindowTrigger.EventTime().WithEarlyFirings(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => WindowTrigger.EventTime().WithEarlyFirings(TimeSpan.Zero, new TestScheduler()));
        Assert.Throws<ArgumentNullException>(() => TumblingProcessingTimeWindows.Of(Ms(5), null!));
        var windowed = new Subject<StreamElement<string>>().KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => windowed.AllowedLateness(Ms(-1)));
        Assert.Throws<ArgumentNullException>(() => windowed.Trigger(null!));
        Assert.Throws<ArgumentNullException>(() => windowed.Evictor(null!));
        Assert.Throws<ArgumentNullException>(() => windowed.SideOutputLateData(null!));
    }

    /// <summary>The event-time trigger, except that the timer of any window starting at 5 throws.</summary>
    private sealed class ThrowingTrigger : WindowTrigger
    {
        public override TriggerResult OnElement(long timestamp, TimeWindow window, ITriggerContext context)
        {
            context.RegisterEventTimeTimer(window.End);
            return TriggerResult.Continue;
        }

        public override TriggerResult OnEventTime(long time, TimeWindow window, ITriggerContext context) =>
            window.Start == 5 ? throw new InvalidOperationException("trigger") : time == window.End ? TriggerResult.Fire : TriggerResult.Continue;
    }

    /// <summary>Counts-and-sums "key:n" records; throws on a chosen number in Add or in GetResult.</summary>
    private sealed class ThrowingFunction(int? throwOnAdd = null, int? throwOnResult = null) : IAggregateFunction<string, int, int>
    {
        public int CreateAccumulator() => 0;

        public void Add(ref int accumulator, string value)
        {
            if (V(value) == throwOnAdd)
            {
                throw new InvalidOperationException("boom");
            }

            accumulator += V(value);
        }

        public int GetResult(in int accumulator) => accumulator == throwOnResult ? throw new InvalidOperationException("result") : accumulator;

        public int Merge(int a, int b) => a + b;
    }
}
