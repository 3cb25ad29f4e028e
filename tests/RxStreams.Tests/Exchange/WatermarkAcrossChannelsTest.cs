using System.Threading;
using System.Threading.Tasks;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using RxStreams;
using RxStreams.Testing;
using static RxStreams.Tests.Exchange.ExchangeTestSupport;

namespace RxStreams.Tests.Exchange;

/// <summary>
/// A consumer task's watermark is the minimum over its input channels (one per upstream task), idle channels
/// excluded, and never goes back.
/// </summary>
[Collection(nameof(Adversarial.ParallelTaskThreads))]
[Adversarial.NoLeakedTaskThreads]
public class WatermarkAcrossChannelsTest
{
    /// <summary>
    /// Two producer tasks whose output the test scripts (each task's segment is a subject the test pushes to), repartitioned
    /// to one consumer task. The test waits for each expected output before the next step, so the result is exact
    /// whatever the threads' interleaving.
    /// </summary>
    private sealed class TwoProducers : IDisposable
    {
        private readonly Subject<StreamElement<string>>[] _producers = [new(), new()];
        private readonly IDisposable _subscription;

        public TwoProducers()
        {
            var stream = Observable.Never<StreamElement<string>>()
                .Partition(RxStreams.Exchange.Rebalance, parallelism: 2)
                .Apply((index, _) => _producers[index])
                .Partition(RxStreams.Exchange.Rebalance, parallelism: 1)
                .Merge();
            _subscription = stream.Subscribe(Output);
        }

        public WaitingCollector<StreamElement<string>> Output { get; } = new();

        /// <summary>Producer <paramref name="producer"/> emits <paramref name="elements"/>; then the test waits until the output holds <paramref name="expectedTotal"/> elements.</summary>
        public void Push(int producer, string elements, int expectedTotal)
        {
            foreach (var element in StreamDescription.Parse(elements))
            {
                _producers[producer].OnNext(element);
            }

            Output.WaitForCount(expectedTotal);
        }

        public void CompleteAll()
        {
            _producers[0].OnCompleted();
            _producers[1].OnCompleted();
            Output.WaitForEnd();
        }

        public string Text => StreamDescription.Format(Output.Items);

        public void Dispose() => _subscription.Dispose();
    }

    [Fact]
    public void TheWatermarkIsTheMinimumOverChannelsAndAnIdleChannelIsExcluded()
    {
        using var run = new TwoProducers();
        run.Push(0, "a@10 W10", 1);       // held back: producer 1 has no watermark yet
        run.Push(1, "b@3 W3", 3);         // min(10, 3)
        run.Push(1, "W15", 4);            // min(10, 15)
        run.Push(0, "W20", 5);            // min(20, 15)
        run.Push(1, "Idle", 6);           // producer 1 idle: only producer 0 counts
        run.Push(0, "W30", 7);
        run.Push(1, "c@31 W31", 8);       // producer 1 is back, but rejoins the minimum only at its watermark 31 ≥ 30
        run.Push(0, "W40", 9);            // min(40, 31)
        run.Push(1, "W35", 10);
        run.Push(1, "W50", 11);           // min(40, 50)
        run.Push(0, "W50", 12);           // both at 50, so the order in which the channels end cannot matter
        run.CompleteAll();

        Assert.Equal("a@10 b@3 W3 W10 W15 W20 W30 c@31 W31 W35 W40 W50 Wmax", run.Text);
        Assert.True(run.Output.Completed);
    }

    [Fact]
    public void TheTaskIsIdleOnlyWhenEveryChannelIsAndTurnsActiveWithTheNextRecord()
    {
        using var run = new TwoProducers();
        run.Push(0, "a@5 W5", 1);
        run.Push(1, "W7", 2);             // min(5, 7)
        run.Push(0, "Idle", 3);           // only producer 1 counts: 7
        run.Push(1, "Idle", 4);           // both idle: the task is idle
        run.Push(1, "b@8", 6);            // active again, then the record
        run.Push(1, "W9", 7);             // producer 0 is still idle
        run.CompleteAll();

        Assert.Equal("a@5 W5 W7 Idle Active b@8 W9 Wmax", run.Text);
    }

    [Fact]
    public void ALaggingProducerHoldsTheWatermarkSoNoRecordArrivesLate()
    {
        // Both producer tasks see every number (broadcast); task 0 keeps the even ones at their value, task 1 the odd
        // ones 5 s behind, each with its own ascending watermarks. Had the consumer taken the maximum watermark, task 1's
        // records would arrive late.
        const int count = 100_000;
        const long lag = 5_000;
        var output = Collect(Ints(count)
            .Partition(RxStreams.Exchange.Broadcast, parallelism: 2)
            .Apply((index, s) => s.Values()
                .Where(x => x % 2 == index)
                .WithEventTime(x => x - (index == 1 ? lag : 0), WatermarkStrategy.ForMonotonousTimestamps()))
            .Partition(RxStreams.Exchange.Rebalance, parallelism: 1, new ExchangeOptions { Capacity = 32 })
            .Merge());

        var watermark = long.MinValue;
        var records = 0;
        var watermarks = 0;
        foreach (var element in output)
        {
            if (element.IsRecord)
            {
                records++;
                Assert.True(element.Timestamp >= watermark, $"Record {element} arrived after watermark {watermark}.");
            }
            else if (element.IsWatermark)
            {
                watermarks++;
                Assert.True(element.Timestamp > watermark, $"Watermark {element.Timestamp} after {watermark}: not increasing.");
                watermark = element.Timestamp;
            }
        }

        Assert.Equal(count, records);
        Assert.True(watermarks > 1);
        Assert.Equal(StreamElement.Watermark<int>(Watermark.MaxValue), output[^1]);
    }

    [Fact]
    public void WatermarksReachEveryTaskAndEachTaskSeesTheSourceWatermarks()
    {
        // A single producer: every task's watermarks are exactly the source's, whatever records it gets.
        var perTask = new[] { new List<StreamElement<string>>(), new List<StreamElement<string>>(), new List<StreamElement<string>>() };
        Collect(Described("a@1 W1 b@2 c@3 W3 d@4 e@5 W5 f@6 Wmax")
            .Partition(RxStreams.Exchange.Rebalance, parallelism: 3)
            .Apply((index, s) => Observable.Do(s, perTask[index].Add))
            .Merge());

        for (var task = 0; task < 3; task++)
        {
            Assert.Equal([1L, 3L, 5L, Watermark.MaxValue], perTask[task].Where(e => e.IsWatermark).Select(e => e.Timestamp));
        }

        Assert.Equal("a@1 W1 W3 d@4 W5 Wmax", StreamDescription.Format(perTask[0]));
        Assert.Equal("W1 b@2 W3 e@5 W5 Wmax", StreamDescription.Format(perTask[1]));
        Assert.Equal("W1 c@3 W3 W5 f@6 Wmax", StreamDescription.Format(perTask[2]));
    }
}
