using System.Threading;
using System.Threading.Tasks;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using RxStreams;
using RxStreams.Testing;
using static RxStreams.Tests.Exchange.ExchangeTestSupport;

namespace RxStreams.Tests.Exchange;

/// <summary>
/// The opt-in overflow policies: drop newest, drop oldest and fail. Every drop is counted (records delivered + dropped
/// = records produced) and watermarks are never dropped. To make overflow exact, the consumer task stalls on its first
/// record until the producer has written (or dropped) every record.
/// </summary>
[Collection(nameof(Adversarial.ParallelTaskThreads))]
[Adversarial.NoLeakedTaskThreads]
public class OverflowPolicyTest
{
    private const int Produced = 1_000;
    private const int Capacity = 16;

    /// <summary>
    /// Records 0 … 999 (timestamp = value): after record 0 it waits until the consumer holds it, after the last one it
    /// opens the consumer's gate, then the final watermark.
    /// </summary>
    private static IObservable<StreamElement<int>> StallingSource(Stall stall) =>
        Observable.Create<StreamElement<int>>(observer =>
        {
            for (var i = 0; i < Produced; i++)
            {
                observer.OnNext(StreamElement.Record(i, (long)i));
                if (i == 0)
                {
                    Assert.True(stall.Holding.Wait(WaitLimit), "The consumer never took the first record.");
                }
            }

            stall.Gate.Set();
            observer.OnNext(StreamElement.Watermark<int>(Watermark.MaxValue));
            observer.OnCompleted();
            return Disposable.Empty;
        });

    /// <summary>The consumer's side: signals that it holds its first record, then waits for the gate.</summary>
    private sealed class Stall : IDisposable
    {
        public ManualResetEventSlim Holding { get; } = new();

        public ManualResetEventSlim Gate { get; } = new();

        /// <summary>Records the segment received, on the consumer's thread.</summary>
        public List<int> Received { get; } = new();

        public IObservable<StreamElement<int>> Segment(IObservable<StreamElement<int>> input) =>
            input.Select(x =>
            {
                Received.Add(x);
                Holding.Set();
                Gate.Wait();
                return x;
            });

        public void Dispose()
        {
            Holding.Dispose();
            Gate.Dispose();
        }
    }

    private static IObservable<StreamElement<string>> WindowCounts(IObservable<StreamElement<int>> input) =>
        input.KeyBy(_ => "k").Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(10))).Count().Select(r => r.ToString());

    [Fact]
    public void DropNewestDropsTheRecordsThatDoNotFitAndCountsThem()
    {
        using var stall = new Stall();
        using var metrics = new StreamMetrics(Scheduler.Default, "drop-newest");
        var output = Collect(StallingSource(stall)
            .Partition(RxStreams.Exchange.Rebalance, 1, new ExchangeOptions { Capacity = Capacity, Overflow = OverflowPolicy.DropNewest })
            .Apply(s => WindowCounts(stall.Segment(s)))
            .Merge(metrics));

        // The held record keeps its slot until handled: records 0 … 15 fit, 16 … 999 are dropped; Wmax still arrives.
        Assert.Equal(Enumerable.Range(0, 16), stall.Received);
        var channel = Assert.Single(metrics.Snapshot().Channels);
        Assert.Equal(Produced - 16, channel.Dropped);
        Assert.Equal(Produced, stall.Received.Count + channel.Dropped);
        Assert.Equal(16 + 1, channel.Transferred);
        Assert.Equal(Capacity, channel.MaxOccupancy);
        Assert.Equal("k[0,10)=10@9 k[10,20)=6@19 Wmax", StreamDescription.Format(output));
    }

    [Fact]
    public void DropOldestDropsTheOldestWaitingRecordsAndCountsThem()
    {
        using var stall = new Stall();
        using var metrics = new StreamMetrics(Scheduler.Default, "drop-oldest");
        var output = Collect(StallingSource(stall)
            .Partition(RxStreams.Exchange.Rebalance, 1, new ExchangeOptions { Capacity = Capacity, Overflow = OverflowPolicy.DropOldest })
            .Apply(s => WindowCounts(stall.Segment(s)))
            .Merge(metrics));

        // Record 0 is being handled (out of the buffer); the buffer ends with the newest 16 records: 984 … 999.
        Assert.Equal(Enumerable.Range(984, 16).Prepend(0), stall.Received);
        var channel = Assert.Single(metrics.Snapshot().Channels);
        Assert.Equal(Produced - 17, channel.Dropped);
        Assert.Equal(Produced, stall.Received.Count + channel.Dropped);
        Assert.Equal(Capacity, channel.MaxOccupancy);
        Assert.Equal("k[0,10)=1@9 k[980,990)=6@989 k[990,1000)=10@999 Wmax", StreamDescription.Format(output));
    }

    [Fact]
    public void FailEndsTheStreamWithAnExchangeOverflowException()
    {
        using var stall = new Stall();
        using var metrics = new StreamMetrics(Scheduler.Default, "fail");
        var error = CollectError(StallingSource(stall)
            .Partition(RxStreams.Exchange.Rebalance, 1, new ExchangeOptions { Capacity = Capacity, Overflow = OverflowPolicy.Fail })
            .Apply(stall.Segment)
            .Merge(metrics));

        var overflow = Assert.IsType<ExchangeOverflowException>(error);
        Assert.Equal(Capacity, overflow.Capacity);
        Assert.Equal("rebalance task 0 input 0", overflow.Edge);

        // What was buffered before the overflow is still handled, then the error follows; nothing is counted as dropped.
        Assert.Equal(Enumerable.Range(0, 16), stall.Received);
        Assert.Equal(0, Assert.Single(metrics.Snapshot().Channels).Dropped);
    }

    [Theory]
    [InlineData(OverflowPolicy.DropNewest)]
    [InlineData(OverflowPolicy.DropOldest)]
    public void WatermarksAreNeverDroppedAndEveryDropIsCounted(OverflowPolicy policy)
    {
        // Ten blocks of 100 records, each followed by its watermark. The consumer stalls until the first block is written,
        // then races the producer: how many records are dropped varies, the accounting and the watermarks do not.
        using var holding = new ManualResetEventSlim();
        using var gate = new ManualResetEventSlim();
        using var metrics = new StreamMetrics(Scheduler.Default, "watermarks-kept");
        var source = Observable.Create<StreamElement<int>>(observer =>
        {
            for (var block = 0; block < 10; block++)
            {
                for (var i = block * 100; i < (block + 1) * 100; i++)
                {
                    observer.OnNext(StreamElement.Record(i, (long)i));
                    if (i == 0)
                    {
                        Assert.True(holding.Wait(WaitLimit));
                    }
                }

                gate.Set();
                observer.OnNext(StreamElement.Watermark<int>((block + 1) * 100));
            }

            observer.OnNext(StreamElement.Watermark<int>(Watermark.MaxValue));
            observer.OnCompleted();
            return Disposable.Empty;
        });

        var received = new List<int>();
        var watermarks = new List<long>();
        var output = Collect(source
            .Partition(RxStreams.Exchange.Rebalance, 1, new ExchangeOptions { Capacity = Capacity, Overflow = policy })
            .Apply(s => Observable.Do(s, e =>
                {
                    if (e.IsWatermark)
                    {
                        watermarks.Add(e.Timestamp);
                    }
                })
                .Select(x =>
                {
                    received.Add(x);
                    holding.Set();
                    gate.Wait();
                    return x;
                })
                .KeyBy(_ => 0)
                .Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(100)))
                .Count())
            .Merge(metrics)
            .Values());

        var dropped = Assert.Single(metrics.Snapshot().Channels).Dropped;
        Assert.True(dropped > 0, "Nothing overflowed.");
        Assert.Equal(Produced, received.Count + dropped);
        Assert.Equal(Enumerable.Range(1, 10).Select(b => b * 100L).Append(Watermark.MaxValue), watermarks);
        Assert.Equal(received.Order(), received);

        // The windows count exactly the records that got through.
        var expected = received.GroupBy(x => x / 100).Select(g => (Start: g.Key * 100L, Count: (long)g.Count()));
        Assert.Equal(expected, output.Select(r => (r.Window.Start, r.Value)));
    }
}
