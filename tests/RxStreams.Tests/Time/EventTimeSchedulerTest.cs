using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using RxStreams.Testing;

namespace RxStreams.Tests.Time;

public class EventTimeSchedulerTest
{
    private static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    [Fact]
    public void StartsAtTheBeginningOfTimeWithNothingPending()
    {
        var scheduler = new EventTimeScheduler();
        Assert.Equal(long.MinValue, scheduler.CurrentWatermark);
        Assert.Equal(DateTimeOffset.MinValue, scheduler.Now);
        Assert.Equal(0, scheduler.PendingTimers);
    }

    [Fact]
    public void TimersFireInDueOrderTiesInSchedulingOrderWithNowAtTheirDueTime()
    {
        var scheduler = new EventTimeScheduler();
        var log = new List<string>();
        void Timer(long due, string name) => scheduler.ScheduleAt(due, () => log.Add($"{name}@{scheduler.CurrentWatermark}/{scheduler.Now.ToUnixTimeMilliseconds()}"));
        Timer(30, "c");
        Timer(10, "a1");
        Timer(20, "b");
        Timer(10, "a2");
        Timer(31, "d");
        Assert.Equal(5, scheduler.PendingTimers);

        scheduler.AdvanceTo(30);
        Assert.Equal(new[] { "a1@10/10", "a2@10/10", "b@20/20", "c@30/30" }, log);
        Assert.Equal(30, scheduler.CurrentWatermark);
        Assert.Equal(1, scheduler.PendingTimers);
    }

    [Fact]
    public void AdvanceBetweenTimersSetsTheClockToTheWatermark()
    {
        var scheduler = new EventTimeScheduler();
        var fired = 0;
        scheduler.ScheduleAt(100, () => fired++);
        scheduler.AdvanceTo(99);
        Assert.Equal((0, 99L), (fired, scheduler.CurrentWatermark));
        Assert.Equal(At(99), scheduler.Now);
        scheduler.AdvanceTo(100);
        Assert.Equal((1, 100L), (fired, scheduler.CurrentWatermark));
    }

    [Fact]
    public void AWatermarkNotAboveTheClockDoesNothing()
    {
        var scheduler = new EventTimeScheduler();
        scheduler.AdvanceTo(50);
        var fired = new List<long>();
        scheduler.ScheduleAt(40, () => fired.Add(scheduler.CurrentWatermark));
        scheduler.AdvanceTo(50);
        scheduler.AdvanceTo(10);
        Assert.Empty(fired);
        Assert.Equal(50, scheduler.CurrentWatermark);
        Assert.Equal(1, scheduler.PendingTimers);
    }

    [Fact]
    public void ATimerScheduledInThePastFiresAtTheNextAdvanceWithoutTurningTheClockBack()
    {
        var scheduler = new EventTimeScheduler();
        scheduler.AdvanceTo(50);
        var log = new List<string>();
        scheduler.ScheduleAt(55, () => log.Add($"future@{scheduler.CurrentWatermark}"));
        scheduler.ScheduleAt(10, () => log.Add($"past@{scheduler.CurrentWatermark}"));
        scheduler.AdvanceTo(51);
        Assert.Equal(new[] { "past@50" }, log);
        Assert.Equal(51, scheduler.CurrentWatermark);
        scheduler.AdvanceTo(60);
        Assert.Equal(new[] { "past@50", "future@55" }, log);
    }

    [Fact]
    public void ImmediateWorkRunsAtTheNextAdvance()
    {
        var scheduler = new EventTimeScheduler();
        scheduler.AdvanceTo(5);
        var log = new List<long>();
        scheduler.Schedule(() => log.Add(scheduler.CurrentWatermark));
        Assert.Empty(log);
        scheduler.AdvanceTo(6);
        Assert.Equal(new[] { 5L }, log);
    }

    [Fact]
    public void RelativeAndAbsoluteSchedulingUseEventTime()
    {
        var scheduler = new EventTimeScheduler();
        scheduler.AdvanceTo(1000);
        var log = new List<string>();
        scheduler.Schedule(TimeSpan.FromMilliseconds(250), () => log.Add($"relative@{scheduler.CurrentWatermark}"));
        scheduler.Schedule(At(1100), () => log.Add($"absolute@{scheduler.CurrentWatermark}"));
        scheduler.Schedule(TimeSpan.FromMilliseconds(-5), () => log.Add($"negative@{scheduler.CurrentWatermark}"));
        scheduler.Schedule(TimeSpan.FromTicks(TimeSpan.TicksPerMillisecond - 1), () => log.Add($"sub-ms@{scheduler.CurrentWatermark}"));
        scheduler.AdvanceTo(1249);
        Assert.Equal(new[] { "negative@1000", "sub-ms@1000", "absolute@1100" }, log);
        scheduler.AdvanceTo(1250);
        Assert.Equal("relative@1250", log[3]);
    }

    [Fact]
    public void RelativeSchedulingSaturatesAtTheEndOfTime()
    {
        var scheduler = new EventTimeScheduler();
        scheduler.AdvanceTo(long.MaxValue - 10);
        var fired = new List<long>();
        scheduler.Schedule(TimeSpan.FromDays(1), () => fired.Add(scheduler.CurrentWatermark));
        scheduler.AdvanceTo(long.MaxValue - 1);
        Assert.Empty(fired);
        scheduler.AdvanceTo(Watermark.MaxValue);
        Assert.Equal(new[] { long.MaxValue }, fired);
        Assert.Equal(DateTimeOffset.MaxValue, scheduler.Now);
    }

    [Fact]
    public void TimersScheduledByATimerWithinTheAdvanceRunInTheSameAdvance()
    {
        var scheduler = new EventTimeScheduler();
        var log = new List<string>();
        scheduler.ScheduleAt(10, () =>
        {
            log.Add("outer@10");
            scheduler.Schedule(TimeSpan.FromMilliseconds(5), () => log.Add($"inner@{scheduler.CurrentWatermark}"));
            scheduler.Schedule(TimeSpan.FromMilliseconds(50), () => log.Add($"later@{scheduler.CurrentWatermark}"));
            scheduler.Schedule(() => log.Add($"now@{scheduler.CurrentWatermark}"));
        });
        scheduler.ScheduleAt(12, () => log.Add("sibling@12"));
        scheduler.AdvanceTo(20);
        Assert.Equal(new[] { "outer@10", "now@10", "sibling@12", "inner@15" }, log);
        Assert.Equal(1, scheduler.PendingTimers);
    }

    [Fact]
    public void DisposingCancelsATimer()
    {
        var scheduler = new EventTimeScheduler();
        var log = new List<string>();
        var cancelled = scheduler.ScheduleAt(10, () => log.Add("cancelled"));
        scheduler.ScheduleAt(20, () => log.Add("kept"));
        Assert.Equal(2, scheduler.PendingTimers);
        cancelled.Dispose();
        cancelled.Dispose();
        Assert.Equal(1, scheduler.PendingTimers);
        scheduler.AdvanceTo(100);
        Assert.Equal(new[] { "kept" }, log);
        Assert.Equal(0, scheduler.PendingTimers);
    }

    [Fact]
    public void ATimerCanCancelALaterOneDueInTheSameAdvance()
    {
        var scheduler = new EventTimeScheduler();
        var log = new List<string>();
        IDisposable? second = null;
        scheduler.ScheduleAt(10, () =>
        {
            log.Add("first");
            second!.Dispose();
        });
        second = scheduler.ScheduleAt(11, () => log.Add("second"));
        scheduler.AdvanceTo(20);
        Assert.Equal(new[] { "first" }, log);
    }

    [Fact]
    public void ATimerCannotAdvanceTheScheduler()
    {
        var scheduler = new EventTimeScheduler();
        InvalidOperationException? error = null;
        scheduler.ScheduleAt(1, () => error = Assert.Throws<InvalidOperationException>(() => scheduler.AdvanceTo(5)));
        scheduler.AdvanceTo(2);
        Assert.Equal("The event-time scheduler is already advancing; a timer cannot advance it again.", error!.Message);
        Assert.Equal(2, scheduler.CurrentWatermark);
    }

    [Fact]
    public void AFailingTimerPropagatesAndLeavesTheSchedulerUsable()
    {
        var scheduler = new EventTimeScheduler();
        var log = new List<string>();
        scheduler.ScheduleAt(1, () => throw new InvalidOperationException("timer failed"));
        scheduler.ScheduleAt(2, () => log.Add("two"));
        var ex = Assert.Throws<InvalidOperationException>(() => scheduler.AdvanceTo(5));
        Assert.Equal("timer failed", ex.Message);
        Assert.Equal(1, scheduler.CurrentWatermark);
        scheduler.AdvanceTo(5);
        Assert.Equal(new[] { "two" }, log);
    }

    [Fact]
    public void ObservableTimerRunsInEventTime()
    {
        var scheduler = new EventTimeScheduler();
        scheduler.AdvanceTo(1000);
        var output = new Collector<string>();
        Observable.Timer(TimeSpan.FromMilliseconds(500), scheduler)
            .Select(_ => $"tick@{scheduler.Now.ToUnixTimeMilliseconds()}")
            .Subscribe(output);
        scheduler.AdvanceTo(1499);
        Assert.Empty(output.Items);
        scheduler.AdvanceTo(2000);
        Assert.Equal(new[] { "tick@1500" }, output.Items);
        Assert.True(output.Completed);
    }

    [Fact]
    public void AbsoluteObservableTimerAndCancellationBySubscription()
    {
        var scheduler = new EventTimeScheduler();
        var output = new Collector<long>();
        var cancelled = new Collector<long>();
        Observable.Timer(At(300), scheduler).Subscribe(output);
        var subscription = Observable.Timer(At(200), scheduler).Subscribe(cancelled);
        Assert.Equal(2, scheduler.PendingTimers);
        subscription.Dispose();
        Assert.Equal(1, scheduler.PendingTimers);
        scheduler.AdvanceTo(300);
        Assert.Equal(new[] { 0L }, output.Items);
        Assert.True(output.Completed);
        Assert.Empty(cancelled.Items);
        Assert.False(cancelled.Completed);
    }

    [Fact]
    public void PeriodicObservableTimerTicksOncePerPeriodOfEventTime()
    {
        var scheduler = new EventTimeScheduler();
        scheduler.AdvanceTo(0);
        var ticks = new List<string>();
        using var _ = Observable.Timer(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10), scheduler)
            .Subscribe(i => ticks.Add($"{i}@{scheduler.CurrentWatermark}"));
        scheduler.AdvanceTo(35);
        Assert.Equal(new[] { "0@10", "1@20", "2@30" }, ticks);
        scheduler.AdvanceTo(40);
        Assert.Equal("3@40", ticks[^1]);
    }

    [Fact]
    public void WithEventTimeSchedulerFiresTimersBeforeForwardingTheWatermark()
    {
        var scheduler = new EventTimeScheduler();
        var source = new Subject<StreamElement<string>>();
        var log = new List<string>();
        using var _ = source.WithEventTimeScheduler(scheduler).Subscribe(e => log.Add(e.ToString()));
        scheduler.ScheduleAt(5, () => log.Add("timer5"));
        scheduler.ScheduleAt(12, () => log.Add("timer12"));
        scheduler.ScheduleAt(100, () => log.Add("timer100"));
        foreach (var e in StreamDescription.Parse("a@3 W4 b@5 Idle Active W12 B1 c@20 W11 Wmax"))
        {
            source.OnNext(e);
        }

        Assert.Equal(
            new[] { "a@3", "W4", "b@5", "Idle", "Active", "timer5", "timer12", "W12", "B1", "c@20", "W11", "timer100", "Wmax" },
            log);
        Assert.Equal(long.MaxValue, scheduler.CurrentWatermark);
    }

    [Fact]
    public void WmaxAtCompletionFiresEveryPendingTimerBeforeWmaxIsForwarded()
    {
        var scheduler = new EventTimeScheduler();
        var log = new List<string>();
        scheduler.ScheduleAt(1000, () => log.Add("timer1000"));
        scheduler.ScheduleAt(long.MaxValue, () => log.Add("timerMax"));
        new long[] { 1, 2 }.ToObservable()
            .WithEventTime(t => t, WatermarkStrategy.ForMonotonousTimestamps())
            .WithEventTimeScheduler(scheduler)
            .Subscribe(e => log.Add(e.ToString()), () => log.Add("|"));
        Assert.Equal(new[] { "1@1", "W1", "2@2", "W2", "timer1000", "timerMax", "Wmax", "|" }, log);
    }

    [Fact]
    public void TimersScheduledAfterWmaxNeverFire()
    {
        var scheduler = new EventTimeScheduler();
        scheduler.AdvanceTo(Watermark.MaxValue);
        var fired = false;
        scheduler.ScheduleAt(long.MaxValue, () => fired = true);
        scheduler.AdvanceTo(Watermark.MaxValue);
        Assert.False(fired);
        Assert.Equal(1, scheduler.PendingTimers);
    }

    [Fact]
    public void ObservableTimerOnAPublishedStreamFiresWhenItsWatermarkPasses()
    {
        var scheduler = new EventTimeScheduler();
        var source = new Subject<long>();
        var stream = source
            .WithEventTime(t => t, WatermarkStrategy.ForMonotonousTimestamps())
            .WithEventTimeScheduler(scheduler)
            .Publish()
            .RefCount();
        var alarms = new List<string>();
        var records = new List<long>();
        using var r = stream.Records().Subscribe(rec => records.Add(rec.Value));
        source.OnNext(100);
        using var t = Observable.Timer(TimeSpan.FromMilliseconds(50), scheduler).Subscribe(_ => alarms.Add($"alarm@{scheduler.CurrentWatermark} after {records.Count}"));
        source.OnNext(120);
        source.OnNext(149);
        Assert.Empty(alarms);
        source.OnNext(151);
        Assert.Equal(new[] { "alarm@150 after 4" }, alarms);
    }

    [Fact]
    public void ArgumentsAreRequired()
    {
        var scheduler = new EventTimeScheduler();
        Assert.Equal("action", Assert.Throws<ArgumentNullException>(() => scheduler.ScheduleAt(1, null!)).ParamName);
        Assert.Equal("action", Assert.Throws<ArgumentNullException>(() => scheduler.Schedule<int>(0, (Func<IScheduler, int, IDisposable>)null!)).ParamName);
        Assert.Equal("action", Assert.Throws<ArgumentNullException>(() => scheduler.Schedule<int>(0, TimeSpan.Zero, null!)).ParamName);
        Assert.Equal("action", Assert.Throws<ArgumentNullException>(() => scheduler.Schedule<int>(0, At(1), null!)).ParamName);
        Assert.Equal("scheduler", Assert.Throws<ArgumentNullException>(() => Observable.Empty<StreamElement<int>>().WithEventTimeScheduler(null!)).ParamName);
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => ((IObservable<StreamElement<int>>)null!).WithEventTimeScheduler(scheduler)).ParamName);
    }
}
