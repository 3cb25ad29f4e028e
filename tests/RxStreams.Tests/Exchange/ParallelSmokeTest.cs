using System.Reactive.Linq;
using RxStreams;
using RxStreams.Testing;

namespace RxStreams.Tests.Exchange;

[Collection(nameof(Adversarial.ParallelTaskThreads))]
[Adversarial.NoLeakedTaskThreads]
public class ParallelSmokeTest
{
    private static IObservable<StreamElement<(int Key, long Time)>> Source(int count) =>
        Observable.Range(0, count)
            .Select(i => (Key: i % 7, Time: (long)i))
            .WithEventTime(r => r.Time, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(3)));

    [Fact]
    public void KeyedWindowsGiveTheSameResultsAtParallelismTwo()
    {
        var serial = Source(10_000)
            .KeyBy(r => r.Key)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(100)))
            .Count()
            .Values()
            .ToList()
            .Wait()
            .Select(r => r.ToString())
            .Order()
            .ToList();

        var parallel = Source(10_000)
            .PartitionByKey(r => r.Key, parallelism: 2, new ExchangeOptions { Capacity = 64 })
            .Apply(s => s.KeyBy(r => r.Key).Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(100))).Count())
            .Merge()
            .Values()
            .ToList()
            .Wait()
            .Select(r => r.ToString())
            .Order()
            .ToList();

        Assert.Equal(700, serial.Count);
        Assert.Equal(serial, parallel);
    }

    [Fact]
    public void GraphShowsTasksAndExchanges()
    {
        var graph = Source(10)
            .PartitionByKey(r => r.Key, parallelism: 2)
            .Apply(s => s.KeyBy(r => r.Key).Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(100))).Count())
            .Graph();
        Assert.Equal(
            "flowchart LR\n" +
            "    n0[\"Rx.Select\"]\n" +
            "    n1[\"WithEventTime\"]\n" +
            "    n2[\"WindowCount ×2\"]\n" +
            "    n0 -- forward --> n1\n" +
            "    n1 -- hash --> n2\n",
            graph.ToMermaid());
    }
}
