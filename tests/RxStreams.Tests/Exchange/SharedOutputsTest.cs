using System.Threading;
using static RxStreams.Tests.Exchange.ExchangeTestSupport;

namespace RxStreams.Tests.Exchange;

/// <summary>Counters and side outputs captured by every task of a parallel segment stay exact, and emit serialized.</summary>
[Collection(nameof(Adversarial.ParallelTaskThreads))]
[Adversarial.NoLeakedTaskThreads]
public class SharedOutputsTest
{
    [Fact]
    public void WindowCountersSharedByTwoTasksCountExactly()
    {
        // Two tasks, each reading its own partition on its own thread: every record opens a 1 ms window of its own.
        const int Records = 2_000_000;
        var counters = new WindowCounters();
        var results = Collect(ParallelStream.FromPartitions(Ints(Records), Ints(Records))
            .Apply(s => s.KeyBy(x => 0).Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(1))).WithCounters(counters).Count())
            .Merge()
            .Values());
        Assert.Equal(2 * Records, results.Count);
        Assert.Equal(2 * Records, counters.Firings);
        Assert.Equal(0, counters.LiveWindows);
    }

    [Fact]
    public void DeadLettersSharedByTwoTasksReachTheSubscriberOneAtATime()
    {
        const int Records = 300_000;
        var deadLetters = new DeadLetters();
        var inside = 0;
        var overlaps = 0;
        var received = 0;
        using var _ = deadLetters.Subscribe(_ =>
        {
            if (Interlocked.Increment(ref inside) > 1)
            {
                Interlocked.Increment(ref overlaps);
            }

            received++;
            Interlocked.Decrement(ref inside);
        });
        var results = Collect(Ints(Records)
            .Partition(RxStreams.Exchange.Rebalance, parallelism: 2)
            .Apply(s => s.Select<int, int>(x => throw new InvalidOperationException("bad"), deadLetters))
            .Merge()
            .Values());
        Assert.Empty(results);
        Assert.Equal(0, overlaps);
        Assert.Equal(Records, received);
        Assert.Equal(Records, deadLetters.Count);
    }
}
