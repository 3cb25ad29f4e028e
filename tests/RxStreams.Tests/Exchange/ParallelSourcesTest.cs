using System.Reactive.Linq;
using System.Reactive.Subjects;
using RxStreams;
using System.Threading;
using RxStreams.Testing;

namespace RxStreams.Tests.Exchange;

[Collection(nameof(Adversarial.ParallelTaskThreads))]
[Adversarial.NoLeakedTaskThreads]
public class ParallelSourcesTest
{
    private static IObservable<StreamElement<(int Key, long Time)>> Partition(int partition, int partitions, int count) =>
        Observable.Range(0, count)
            .Where(i => i % 10 % partitions == partition)
            .Select(i => (Key: i % 10, Time: (long)i))
            .WithEventTime(r => r.Time, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(5)));

    [Fact]
    public void EachPartitionRunsItsSegmentAndTheMergeEqualsTheSerialResult()
    {
        var serial = Partition(0, 1, 20_000)
            .KeyBy(r => r.Key).Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(100))).Count()
            .Values().ToList().Wait().Select(r => r.ToString()!).Order().ToList();

        var tasks = new int[2];
        var parallel = ParallelStream.FromPartitions(Partition(0, 2, 20_000), Partition(1, 2, 20_000))
            .Apply((index, s) => s
                .Select(r => { Interlocked.Increment(ref tasks[index]); return r; })
                .KeyBy(r => r.Key).Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(100))).Count())
            .Merge()
            .Values().ToList().Wait().Select(r => r.ToString()!).Order().ToList();

        Assert.Equal(2_000, serial.Count);
        Assert.Equal(serial, parallel);
        Assert.Equal(new[] { 10_000, 10_000 }, tasks);
    }

    [Fact]
    public void TheMergedWatermarkIsTheSlowestPartitions()
    {
        var fast = new Subject<StreamElement<string>>();
        var slow = new Subject<StreamElement<string>>();
        var output = new List<StreamElement<string>>();
        var completed = new ManualResetEventSlim();
        using var subscription = ParallelStream.FromPartitions(fast, slow).Merge()
            .Subscribe(e => { lock (output) { output.Add(e); } }, () => completed.Set());

        // The source tasks subscribe on their own threads; wait until both listen.
        Assert.True(SpinWait.SpinUntil(() => fast.HasObservers && slow.HasObservers, TimeSpan.FromSeconds(30)));
        foreach (var e in StreamDescription.Parse("a@10 W10 W20"))
        {
            fast.OnNext(e);
        }

        foreach (var e in StreamDescription.Parse("b@5 W5"))
        {
            slow.OnNext(e);
        }

        fast.OnCompleted();
        slow.OnCompleted();
        Assert.True(completed.Wait(TimeSpan.FromSeconds(30)));
        Assert.Equal("a@10 b@5 W5 Wmax", StreamDescription.Format(output));
    }

    [Fact]
    public void NoPartitionsIsAnError() =>
        Assert.Throws<ArgumentException>(() => ParallelStream.FromPartitions<int>());
}
