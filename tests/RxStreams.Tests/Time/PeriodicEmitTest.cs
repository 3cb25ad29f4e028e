using Microsoft.Reactive.Testing;
using static RxStreams.Tests.CoreTestSupport;

namespace RxStreams.Tests.Time;

public class PeriodicEmitTest : ReactiveTest
{
    private sealed class CountingGenerator : IWatermarkGenerator<long>
    {
        private long _max = long.MinValue;

        public int Events { get; private set; }

        public int Ticks { get; private set; }

        public void OnEvent(long value, long timestamp, IWatermarkOutput output)
        {
            Events++;
            _max = Math.Max(_max, timestamp);
        }

        public void OnPeriodicEmit(IWatermarkOutput output)
        {
            Ticks++;
            if (_max != long.MinValue)
            {
                output.EmitWatermark(_max);
            }
        }
    }

    [Fact]
    public void WatermarksAreEmittedOnTicksOnlyWhenTheyAdvance()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(
            OnNext(210, 5L),
            OnNext(250, 12L),
            OnNext(320, 8L),
            OnNext(350, 20L),
            OnNext(420, 15L),
            OnCompleted<long>(550));
        var strategy = WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(2))
            .WithPeriodicEmit(TimeSpan.FromTicks(100), scheduler);
        var observer = scheduler.Start(() => source.WithEventTime(t => t, strategy));
        Assert.Equal("210:5@5 250:12@12 300:W10 320:8@8 350:20@20 400:W18 420:15@15 550:Wmax 550:|", Timeline(observer.Messages));
    }

    [Fact]
    public void TheGeneratorIsAskedOnEveryTickAndNotAfterRecords()
    {
        var scheduler = new TestScheduler();
        var generator = new CountingGenerator();
        var source = scheduler.CreateHotObservable(OnNext(230, 1L), OnNext(240, 2L), OnNext(260, 3L), OnNext(330, 7L));
        var strategy = WatermarkStrategy.ForGenerator(() => generator).WithPeriodicEmit(TimeSpan.FromTicks(50), scheduler);
        var observer = scheduler.Start(() => source.WithEventTime(t => t, strategy), created: 100, subscribed: 200, disposed: 420);
        Assert.Equal("230:1@1 240:2@2 250:W2 260:3@3 300:W3 330:7@7 350:W7", Timeline(observer.Messages));
        Assert.Equal(4, generator.Events);
        Assert.Equal(4, generator.Ticks);
    }

    [Fact]
    public void WithoutPeriodicEmitTheGeneratorIsAskedAfterEveryRecord()
    {
        var scheduler = new TestScheduler();
        var generator = new CountingGenerator();
        var source = scheduler.CreateHotObservable(OnNext(230, 1L), OnNext(240, 1L), OnNext(260, 3L));
        var observer = scheduler.Start(() => source.WithEventTime(t => t, WatermarkStrategy.ForGenerator(() => generator)));
        Assert.Equal("230:1@1 230:W1 240:1@1 260:3@3 260:W3", Timeline(observer.Messages));
        Assert.Equal((3, 3), (generator.Events, generator.Ticks));
    }

    [Fact]
    public void DisposalStopsTheTicks()
    {
        var scheduler = new TestScheduler();
        var generator = new CountingGenerator();
        var source = scheduler.CreateHotObservable(OnNext(205, 1L));
        var strategy = WatermarkStrategy.ForGenerator(() => generator).WithPeriodicEmit(TimeSpan.FromTicks(100), scheduler);
        var observer = scheduler.Start(() => source.WithEventTime(t => t, strategy), created: 100, subscribed: 200, disposed: 450);
        scheduler.AdvanceTo(1000);
        Assert.Equal("205:1@1 300:W1", Timeline(observer.Messages));
        Assert.Equal(2, generator.Ticks);
    }

    [Fact]
    public void CompletionStopsTheTicks()
    {
        var scheduler = new TestScheduler();
        var generator = new CountingGenerator();
        var source = scheduler.CreateHotObservable(OnNext(205, 1L), OnCompleted<long>(320));
        var strategy = WatermarkStrategy.ForGenerator(() => generator).WithPeriodicEmit(TimeSpan.FromTicks(100), scheduler);
        var output = new Collector<StreamElement<long>>();
        scheduler.AdvanceTo(200);
        source.WithEventTime(t => t, strategy).Subscribe(output);

        // Start() runs until nothing is scheduled: it returns only because completion disposed the periodic timer.
        scheduler.Start();
        Assert.Equal(320, scheduler.Clock);
        Assert.Equal("1@1 W1 Wmax |", output.Describe());
        Assert.Equal(1, generator.Ticks);
    }

    [Fact]
    public void FailingPeriodicEmitFailsTheStreamWithoutRecord()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(OnNext(205, 1L));
        var strategy = WatermarkStrategy.ForGenerator<long>(() => new TickFails())
            .WithPeriodicEmit(TimeSpan.FromTicks(100), scheduler);
        var observer = scheduler.Start(() => source.WithEventTime(t => t, strategy));
        Assert.Equal("205:1@1 300:X", Timeline(observer.Messages));
        var error = Assert.IsType<StreamOperatorException>(observer.Messages[1].Value.Exception);
        Assert.Equal("WithEventTime failed: tick failed", error.Message);
        Assert.Null(error.Record);
        Assert.Null(error.Timestamp);
    }

    [Fact]
    public void FailingPeriodicEmitWithDeadLettersIsReportedOnEveryTick()
    {
        var scheduler = new TestScheduler();
        var dead = new DeadLetters();
        var source = scheduler.CreateHotObservable(OnNext(205, 1L));
        var strategy = WatermarkStrategy.ForGenerator<long>(() => new TickFails())
            .WithPeriodicEmit(TimeSpan.FromTicks(100), scheduler);
        var observer = scheduler.Start(() => source.WithEventTime(t => t, strategy, dead), created: 100, subscribed: 200, disposed: 550);
        Assert.Equal("205:1@1", Timeline(observer.Messages));
        Assert.Equal(3, dead.Count);
    }

    [Fact]
    public void IdlenessAndPeriodicEmitTogether()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(OnNext(210, 10L), OnNext(330, 30L));
        var strategy = WatermarkStrategy.ForMonotonousTimestamps()
            .WithPeriodicEmit(TimeSpan.FromTicks(40), scheduler)
            .WithIdleness(TimeSpan.FromTicks(60), scheduler);
        var observer = scheduler.Start(() => source.WithEventTime(t => t, strategy), created: 100, subscribed: 200, disposed: 420);
        Assert.Equal("210:10@10 240:W10 270:Idle 330:Active 330:30@30 360:W30 390:Idle", Timeline(observer.Messages));
    }

    private sealed class TickFails : IWatermarkGenerator<long>
    {
        public void OnEvent(long value, long timestamp, IWatermarkOutput output)
        {
        }

        public void OnPeriodicEmit(IWatermarkOutput output) => throw new InvalidOperationException("tick failed");
    }
}
