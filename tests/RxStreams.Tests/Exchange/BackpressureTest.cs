using System.Threading;
using System.Threading.Tasks;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using RxStreams;
using static RxStreams.Tests.Exchange.ExchangeTestSupport;

namespace RxStreams.Tests.Exchange;

/// <summary>
/// Bounded channels with backpressure (the default policy): a fast producer waits for a slow consumer, nothing is lost
/// and no channel ever holds more than its capacity.
/// </summary>
[Collection(nameof(Adversarial.ParallelTaskThreads))]
[Adversarial.NoLeakedTaskThreads]
public class BackpressureTest
{
    private const int Records = 1_000_000;

    /// <summary>1,000,000 pre-built records (value = timestamp = index), then the final watermark: a producer as fast as it gets.</summary>
    private static IObservable<StreamElement<int>> FastSource() =>
#pragma warning disable RXS0001 // Builds the source: the final watermark follows the records.
        Observable.Range(0, Records)
            .Select(i => StreamElement.Record(i, i))
            .Concat(Observable.Return(StreamElement.Watermark<int>(Watermark.MaxValue)));
#pragma warning restore RXS0001

    [Fact]
    public void ASlowConsumerBehindAFastProducerGetsEveryRecordAndTheQueueStaysWithinSixteen()
    {
        using var metrics = new StreamMetrics(Scheduler.Default, "backpressure");
        var output = Collect(FastSource()
            .Partition(RxStreams.Exchange.Rebalance, parallelism: 2, new ExchangeOptions { Capacity = 16 })
            .Apply((index, s) => s.Select(x =>
            {
                Thread.SpinWait(20); // a little work per record: slower than the producer
                return (Task: index, X: x);
            }))
            .Merge(metrics)
            .Values());

        Assert.Equal(Records, output.Count);
        for (var task = 0; task < 2; task++)
        {
            var received = output.Where(r => r.Task == task).Select(r => r.X).ToList();
            Assert.Equal(Records / 2, received.Count);
            Assert.Equal(Enumerable.Range(0, Records / 2).Select(i => (2 * i) + task), received);
        }

        var channels = metrics.Snapshot().Channels;
        Assert.Equal(2, channels.Count);
        Assert.All(channels, c =>
        {
            Assert.Equal(16, c.Capacity);
            Assert.InRange(c.MaxOccupancy, 1, 16);
            Assert.Equal(0, c.Dropped);
            Assert.Equal(0, c.Occupancy);
            Assert.Equal((Records / 2) + 1, c.Transferred); // its records and the final watermark
        });
        Assert.Equal(["rebalance task 0 input 0", "rebalance task 1 input 0"], channels.Select(c => c.Name));
    }

    [Fact]
    public void AStalledConsumerFillsTheQueueToExactlyItsCapacityAndTheProducerWaits()
    {
        using var metrics = new StreamMetrics(Scheduler.Default, "stalled");
        using var gate = new ManualResetEventSlim(false);
        var stream = FastSource()
            .Partition(RxStreams.Exchange.Rebalance, parallelism: 1, new ExchangeOptions { Capacity = 16 })
            .Apply(s => s.Select(x =>
            {
                gate.Wait(); // the consumer stalls on its first record until the test opens the gate
                return x;
            }))
            .Merge(metrics)
            .Values();
        var run = Task.Run(() => stream.Count().ToTask());

        // The record being handled still holds its slot, so the producer can write 16 elements and must then wait.
        Assert.True(SpinWait.SpinUntil(() => metrics.Snapshot().Channels is [{ Occupancy: 16 }], WaitLimit), "The queue never filled.");
        var stalled = Assert.Single(metrics.Snapshot().Channels);
        Assert.Equal(16, stalled.Transferred);
        Assert.Equal(16, stalled.MaxOccupancy);

        gate.Set();
        Assert.Equal(Records, Await(run));

        var done = Assert.Single(metrics.Snapshot().Channels);
        Assert.Equal(16, done.MaxOccupancy);
        Assert.Equal(0, done.Dropped);
        Assert.Equal(Records + 1, done.Transferred);
        Assert.True(done.BlockedTime > TimeSpan.Zero, "The producer's wait was not counted.");
    }
}
