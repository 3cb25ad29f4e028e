using System.Reactive.Linq;
using System.Reactive.Subjects;
using Microsoft.Reactive.Testing;
using RxStreams.Testing;
using static RxStreams.Tests.CoreTestSupport;

namespace RxStreams.Tests.Operators;

/// <summary>Event-time streams are plain observables: Subject, Publish, Rx operators and TestScheduler work on them.</summary>
public class CompositionTest : ReactiveTest
{
    [Fact]
    public void APublishedStreamFeedsTwoBranchesThatAreUnionedAgain()
    {
        var source = new Subject<StreamElement<int>>();
        var output = new Collector<StreamElement<int>>();
        var shared = source.Publish();
        shared.Where(v => v % 2 == 1).Union(shared.Select(v => v * 10)).Subscribe(output);
        using var connection = shared.Connect();
        foreach (var e in StreamDescription.Parse("1@1 2@2 W2 3@3 Wmax", int.Parse))
        {
            source.OnNext(e);
        }

        source.OnCompleted();

        // Each watermark reaches the union twice, once per branch; it passes once, after the second.
        Assert.Equal("1@1 10@1 20@2 W2 3@3 30@3 Wmax |", output.Describe());
    }

    [Fact]
    public void ASubjectOfPlainValuesEntersEventTime()
    {
        var readings = new Subject<(string Sensor, long At)>();
        var output = new Collector<StreamElement<Keyed<string, long>>>();
        readings
            .WithEventTime(r => r.At, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(5)))
            .KeyBy(r => r.Sensor)
            .Count()
            .Subscribe(output);
        readings.OnNext(("s1", 100));
        readings.OnNext(("s2", 98));
        readings.OnNext(("s1", 110));
        readings.OnCompleted();
        Assert.Equal("s1=1@100 W95 s2=1@98 s1=2@110 W105 Wmax |", output.Describe());
    }

    [Fact]
    public void HotPlainValuesOnATestSchedulerWithExactTimes()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(
            OnNext(150, 1L),
            OnNext(210, 10L),
            OnNext(230, 7L),
            OnNext(260, 20L),
            OnCompleted<long>(300));
        var observer = scheduler.Start(() => source
            .WithEventTime(t => t, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(2)))
            .Select(t => t * 2));
        Assert.Equal("210:20@10 210:W8 230:14@7 260:40@20 260:W18 300:Wmax 300:|", Timeline(observer.Messages));
    }

    [Fact]
    public void ColdStreamElementsOnATestScheduler()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateColdObservable(
            OnNext(10, StreamElement.Record("a", 1)),
            OnNext(20, StreamElement.Watermark<string>(1)),
            OnNext(30, StreamElement.Record("b", 0)),
            OnCompleted<StreamElement<string>>(40));
        var late = new SideOutput<Record<string>>("late");
        var observer = scheduler.Start(() => source.DivertLate(late).Select(v => v + "!"));
        Assert.Equal("210:a!@1 220:W1 240:|", Timeline(observer.Messages));
        Assert.Equal(1, late.Count);
        Assert.Equal(new[] { Subscribe(200, 240) }, source.Subscriptions);
    }

    [Fact]
    public void StreamDescriptionToObservableOnATestScheduler()
    {
        var scheduler = new TestScheduler();
        var source = StreamDescription.Parse("a@1 W1 b@2").ToObservable(scheduler, TimeSpan.FromTicks(10));
        var observer = scheduler.Start(() => source.Select(v => v.ToUpperInvariant()));
        Assert.Equal("210:A@1 220:W1 230:B@2 240:|", Timeline(observer.Messages));
    }

    [Fact]
    public void RxOperatorsWithAnEventTimeVersionApplyToTheRecords()
    {
        var output = new List<StreamElement<string>>();
        StreamDescription.Parse("a@1 W1 b@2 W2 c@3 Wmax").ToObservable()
            .Select(v => v.ToUpperInvariant())
            .Buffer(2)
            .Select(pair => string.Join(",", pair))
            .Subscribe(output.Add);
        Assert.Equal("W1 A,B@2 W2 C@3 Wmax", StreamDescription.Format(output));
    }

    [Fact]
    public void DisposalReachesTheSourceThroughAChain()
    {
        var source = new Subject<long>();
        var subscription = source
            .WithEventTime(t => t, WatermarkStrategy.ForMonotonousTimestamps())
            .Select(t => t)
            .Where(t => true)
            .SelectMany(t => new[] { t })
            .KeyBy(t => t)
            .Sum(t => t)
            .DivertLate(new SideOutput<Record<Keyed<long, long>>>("late"))
            .WithEventTimeScheduler(new EventTimeScheduler())
            .Values()
            .Subscribe(_ => { });
        Assert.True(source.HasObservers);
        subscription.Dispose();
        Assert.False(source.HasObservers);
    }

    [Fact]
    public void AnErrorTravelsDownAChainAndUnsubscribes()
    {
        var source = new Subject<long>();
        var output = new Collector<StreamElement<long>>();
        source
            .WithEventTime(t => t, WatermarkStrategy.ForMonotonousTimestamps())
            .Select(t => 100 / t)
            .KeyBy(t => t % 2)
            .Sum(t => t)
            .Select(k => k.Value)
            .Subscribe(output);
        source.OnNext(50);
        source.OnNext(0);
        source.OnNext(25);
        Assert.Equal("2@50 W50 X", output.Describe());
        var error = Assert.IsType<StreamOperatorException>(output.Error);
        Assert.Equal("Select", error.Operator);
        Assert.Equal(0L, error.Record);
        Assert.Equal(0L, error.Timestamp);
        Assert.False(source.HasObservers);
    }
}
