using System.Reactive.Linq;
using Microsoft.Reactive.Testing;
using static RxStreams.Tests.CoreTestSupport;

namespace RxStreams.Tests.Time;

public class IdlenessTest : ReactiveTest
{
    private static WatermarkStrategy Idle50(TestScheduler scheduler) =>
        WatermarkStrategy.ForMonotonousTimestamps().WithIdleness(TimeSpan.FromTicks(50), scheduler);

    [Fact]
    public void SilenceForTheTimeoutMarksIdleAndTheNextRecordMarksActive()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(
            OnNext(210, 1L),
            OnNext(220, 2L),
            OnNext(400, 10L),
            OnCompleted<long>(500));
        var observer = scheduler.Start(() => source.WithEventTime(t => t, Idle50(scheduler)));

        // Subscribed at 200: the check at 250 sees 30 ticks of silence and looks again at 270 (50 after the record at 220).
        Assert.Equal(
            "210:1@1 210:W1 220:2@2 220:W2 270:Idle 400:Active 400:10@10 400:W10 450:Idle 500:Active 500:Wmax 500:|",
            Timeline(observer.Messages));
    }

    [Fact]
    public void AStreamWithoutRecordsGoesIdleOneTimeoutAfterSubscription()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(OnCompleted<long>(300));
        var observer = scheduler.Start(() => source.WithEventTime(t => t, Idle50(scheduler)));
        Assert.Equal("250:Idle 300:Active 300:Wmax 300:|", Timeline(observer.Messages));
    }

    [Fact]
    public void RecordsCloserThanTheTimeoutKeepTheStreamActive()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(
            OnNext(240, 1L),
            OnNext(280, 2L),
            OnNext(320, 3L),
            OnNext(360, 4L));
        var observer = scheduler.Start(() => source.WithEventTime(t => t, Idle50(scheduler)), created: 100, subscribed: 200, disposed: 500);
        Assert.Equal("240:1@1 240:W1 280:2@2 280:W2 320:3@3 320:W3 360:4@4 360:W4 410:Idle", Timeline(observer.Messages));
    }

    [Fact]
    public void ARecordAtTheInstantOfTheCheckKeepsTheStreamActive()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(OnNext(200, 1L), OnNext(251, 2L));
        var observer = scheduler.Start(() => source.WithEventTime(t => t, Idle50(scheduler)), created: 100, subscribed: 150, disposed: 400);
        // Subscribed at 150: the record at 200 comes before the check at 200, which then waits until 250.
        Assert.Equal("200:1@1 200:W1 250:Idle 251:Active 251:2@2 251:W2 301:Idle", Timeline(observer.Messages));
    }

    [Fact]
    public void NothingStaysScheduledWhileIdleSoStartEnds()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(OnNext(210, 1L));
        var output = new Collector<StreamElement<long>>();
        source.WithEventTime(t => t, Idle50(scheduler)).Subscribe(output);
        scheduler.Start();
        Assert.Equal(260, scheduler.Clock);
        Assert.Equal("Idle Active 1@1 W1 Idle", output.Describe());
    }

    [Fact]
    public void DisposingCancelsTheIdleCheck()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(OnNext(10, 1L));
        var output = new Collector<StreamElement<long>>();
        var subscription = source.WithEventTime(t => t, Idle50(scheduler)).Subscribe(output);
        scheduler.AdvanceTo(20);
        subscription.Dispose();
        scheduler.Start();
        Assert.Equal("1@1 W1", output.Describe());
        Assert.Equal(20, scheduler.Clock);
    }

    [Fact]
    public void AnIdleInputDoesNotHoldBackTheUnion()
    {
        var scheduler = new TestScheduler();
        var fast = scheduler.CreateHotObservable(
            OnNext(210, 10L),
            OnNext(300, 20L),
            OnNext(400, 30L),
            OnNext(500, 40L));
        var slow = scheduler.CreateHotObservable(
            OnNext(220, 5L),
            OnNext(450, 35L));
        var observer = scheduler.Start(
            () => fast.WithEventTime(t => t, Idle50(scheduler)).Union(slow.WithEventTime(t => t, Idle50(scheduler))),
            created: 100, subscribed: 200, disposed: 600);

        // 270: both idle, so the union jumps to the highest watermark (10) and is idle. 450: the slow input returns
        // behind the output (5 < 30) and holds nothing back until its W35; then the fast one goes idle, so W35.
        Assert.Equal(
            "210:10@10 220:5@5 220:W5 270:W10 270:Idle 300:Active 300:20@20 300:W20 350:Idle 400:Active 400:30@30 400:W30 " +
            "450:35@35 450:W35 500:40@40 500:W40 550:Idle",
            Timeline(observer.Messages));
    }
}
