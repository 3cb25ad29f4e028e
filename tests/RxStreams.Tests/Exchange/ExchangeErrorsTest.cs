using System.Threading;
using System.Threading.Tasks;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using RxStreams;
using static RxStreams.Tests.Exchange.ExchangeTestSupport;

namespace RxStreams.Tests.Exchange;

/// <summary>Errors in an exchange or in a task reach the subscriber, and the pipeline's threads stop.</summary>
[Collection(nameof(Adversarial.ParallelTaskThreads))]
[Adversarial.NoLeakedTaskThreads]
public class ExchangeErrorsTest
{
    [Fact]
    public void AThrowingKeySelectorFailsTheStreamWithAStreamOperatorException()
    {
        var failure = new InvalidOperationException("bad key");
        var error = CollectError(Ints(1_000)
            .PartitionByKey(x => x == 500 ? throw failure : x % 10, parallelism: 2)
            .Apply(s => s)
            .Merge()
            .Values());

        var streamError = Assert.IsType<StreamOperatorException>(error);
        Assert.Equal("PartitionByKey", streamError.Operator);
        Assert.Equal(500, streamError.Record);
        Assert.Equal(500L, streamError.Timestamp);
        Assert.Same(failure, streamError.InnerException);
    }

    [Fact]
    public void ANullKeyFailsTheStreamWithANullKeyException()
    {
        var error = CollectError(Ints(1_000)
            .PartitionByKey(x => x == 7 ? null : x.ToString(System.Globalization.CultureInfo.InvariantCulture), parallelism: 2)
            .Apply(s => s)
            .Merge()
            .Values());

        var nullKey = Assert.IsType<NullKeyException>(error);
        Assert.Equal("PartitionByKey", nullKey.Operator);
        Assert.Equal(7, nullKey.Record);
        Assert.Equal(7L, nullKey.Timestamp);
    }

    [Fact]
    public void PartitionByKeySendsRecordsWithoutAKeyToItsDeadLetters()
    {
        var deadLetters = new DeadLetters();
        var letters = new List<DeadLetter>();
        using var _ = deadLetters.Subscribe(letters.Add);
        var results = Collect(Ints(1_000)
            .PartitionByKey(
                x => x == 7 ? null : x == 500 ? throw new InvalidOperationException("bad key") : x.ToString(System.Globalization.CultureInfo.InvariantCulture),
                parallelism: 2,
                deadLetters: deadLetters)
            .Apply(s => s)
            .Merge()
            .Values());
        Assert.Equal(998, results.Count);
        Assert.Equal(
            ["PartitionByKey 7@7 NullKeyException", "PartitionByKey 500@500 InvalidOperationException"],
            letters.Select(l => $"{l.Operator} {l.Record}@{l.Timestamp} {l.Error.GetType().Name}"));
    }

    [Fact]
    public void AnErrorInOneTasksSegmentReachesTheSubscriberAndDisposalStopsEveryThread()
    {
        // An endless source on its own thread; task 1 fails on its 1,000th record while task 0 is busy.
        using var sourceDisposed = new ManualResetEventSlim();
        var source = Observable.Create<int>(observer =>
            {
                var cancel = new BooleanDisposable();
                var thread = new Thread(() =>
                {
                    for (var i = 0; !cancel.IsDisposed; i++)
                    {
                        observer.OnNext(i);
                    }

                    sourceDisposed.Set();
                }) { IsBackground = true, Name = "endless source" };
                thread.Start();
                return cancel;
            })
            .WithEventTime(i => (long)i, WatermarkStrategy.ForMonotonousTimestamps());

        var threads = new Thread?[2];
        var error = CollectError(source
            .Partition(RxStreams.Exchange.Rebalance, parallelism: 2, new ExchangeOptions { Capacity = 64 })
            .Apply((index, s) => s.Select(x =>
            {
                threads[index] ??= Thread.CurrentThread;
                return index == 1 && x == 1_999 ? throw new InvalidOperationException("task 1 failed") : x;
            }))
            .Merge()
            .Values());

        var streamError = Assert.IsType<StreamOperatorException>(error);
        Assert.Equal("task 1 failed", streamError.InnerException!.Message);
        Assert.Equal(1_999, streamError.Record);

        // The subscriber's disposal (ToList unsubscribes on error) stops the source and both task threads.
        Assert.True(sourceDisposed.Wait(WaitLimit), "The source was not disposed.");
        Assert.All(threads, thread =>
        {
            Assert.NotNull(thread);
            Assert.True(thread.Join(WaitLimit), $"Thread '{thread.Name}' did not stop.");
        });
        Assert.Equal(["rebalance task 0", "rebalance task 1"], threads.Select(t => t!.Name));
    }

    [Fact]
    public void DisposingARunningPipelineStopsItsThreadsWithoutErrors()
    {
        // Disposal while both tasks are busy pushing: no error surfaces anywhere and every thread ends.
        var threads = new Thread?[2];
        using var running = new CountdownEvent(2);
        var output = new WaitingCollector<int>();
        var subscription = Observable.Range(0, int.MaxValue, NewThreadScheduler.Default)
            .WithEventTime(i => (long)i, WatermarkStrategy.ForMonotonousTimestamps())
            .Partition(RxStreams.Exchange.Rebalance, parallelism: 2, new ExchangeOptions { Capacity = 16 })
            .Apply((index, s) => s.Select(x =>
            {
                if (threads[index] is null)
                {
                    threads[index] = Thread.CurrentThread;
                    running.Signal();
                }

                return x;
            }))
            .Merge()
            .Values()
            .Subscribe(output);

        Assert.True(running.Wait(WaitLimit), "The tasks never ran.");
        output.WaitForCount(10_000);
        subscription.Dispose();

        Assert.All(threads, thread => Assert.True(thread!.Join(WaitLimit), $"Thread '{thread.Name}' did not stop."));
        Assert.Null(output.Error);
        Assert.False(output.Completed);
    }

    [Fact]
    public void DisposingWhileATaskIsInTheMiddleOfABatchDoesNotCrash()
    {
        // The upstream stage's segment is a synchronous sequence, written into the channel when the pipeline is deployed,
        // so the consumer task's first drain takes all ten records as one batch. It stalls on the first, the subscriber
        // disposes, then the task goes on: the rest of the batch must not reach the disposed pipeline (nor crash the process).
        using var holding = new ManualResetEventSlim();
        using var gate = new ManualResetEventSlim();
        Thread? consumer = null;
        var seen = new List<int>();
        var output = new WaitingCollector<int>();
        var subscription = Observable.Never<StreamElement<int>>()
            .Partition(RxStreams.Exchange.Rebalance, parallelism: 1)
            .Apply((_, _) => Observable.Range(0, 10).Select(i => StreamElement.Record(i, (long)i)))
            .Partition(RxStreams.Exchange.Rebalance, parallelism: 1)
            .Apply(s => s.Select(x =>
            {
                seen.Add(x);
                if (x == 0)
                {
                    consumer = Thread.CurrentThread;
                    holding.Set();
                    gate.Wait();
                }

                return x;
            }))
            .Merge()
            .Values()
            .Subscribe(output);

        Assert.True(holding.Wait(WaitLimit), "The consumer never took the first record.");
        subscription.Dispose();
        gate.Set();

        Assert.True(consumer!.Join(WaitLimit), "The consumer task did not stop.");
        Assert.Equal([0], seen); // the rest of the batch went nowhere: the segment had unsubscribed
        Assert.True(output.Items.Count <= 1);
        Assert.Null(output.Error);
    }
}
