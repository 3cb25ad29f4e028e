using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Reactive.Testing;

namespace RxStreams.Tests.Ingestion.InProcess;

public class InProcessSourceTest
{
    private static readonly SourceOptions OnePerStep = new() { RecordsPerStep = 1, Pace = TimeSpan.FromMilliseconds(1) };

    [Fact]
    public void AChannelFeedsAJobIsListedAsUnreplayableAndWhatAFailedAttemptTookAfterTheLastCheckpointIsLost()
    {
        var scheduler = new TestScheduler();
        var channel = Channel.CreateUnbounded<string>();
        var crashed = false;
        var job = StreamJob.Create(
            () => InProcessSource.FromChannel(channel.Reader, "live")
                .WithEventTime(_ => 0L, WatermarkStrategy.NoWatermarks())
                .Where(v => v != "boom" || crashed || !Crash(ref crashed))
                .KeyBy(v => v)
                .Count(),
            Options(scheduler));
        var output = new Collector<StreamElement<Keyed<string, long>>>();
        using var _ = job.Subscribe(output);

        Write(channel, "a b a");
        scheduler.AdvanceBy(TimeSpan.FromMilliseconds(10).Ticks); // read at once; checkpoint 1 at 10 ms: a=2, b=1
        Write(channel, "b boom");                                   // the next poll reads b (b=2, in no checkpoint), then the crash
        scheduler.AdvanceBy(TimeSpan.FromMilliseconds(10).Ticks);
        Assert.Equal(1, job.Checkpoints.Restarts);
        Write(channel, "a b");                                      // the restarted attempt reads on from the same channel
        scheduler.AdvanceBy(TimeSpan.FromMilliseconds(20).Ticks);
        channel.Writer.Complete();
        scheduler.AdvanceBy(TimeSpan.FromMilliseconds(20).Ticks);

        Assert.Equal("a=1@0 b=1@0 a=2@0 b=2@0 a=3@0 b=2@0", string.Join(" ", output.Items.Where(e => e.IsRecord)));
        Assert.True(output.Completed);
        Assert.Equal(1, job.Checkpoints.RestoredFromId);
        Assert.Equal(["live"], job.Checkpoints.UnreplayableSources);
    }

    [Fact]
    public void AChannelWithAPositionIsReopenedAtTheCheckpointAndNothingIsLost()
    {
        var log = Enumerable.Range(0, 30).Select(i => (Index: i, Key: "k" + (i % 3))).ToArray();
        var opened = new List<int>();
        var crashed = false;
        var scheduler = new TestScheduler();
        var job = StreamJob.Create(
            () => InProcessSource.FromChannel<(int Index, string Key), int>(
                    position =>
                    {
                        opened.Add(position);
                        var channel = Channel.CreateUnbounded<(int Index, string Key)>();
                        foreach (var record in log.Skip(position))
                        {
                            channel.Writer.TryWrite(record);
                        }

                        channel.Writer.Complete();
                        return channel.Reader;
                    },
                    record => record.Index + 1,
                    start: 0,
                    "log",
                    OnePerStep)
                .WithEventTime(r => (long)r.Index, WatermarkStrategy.NoWatermarks())
                .Where(r => r.Index != 17 || crashed || !Crash(ref crashed))
                .KeyBy(r => r.Key)
                .Count(),
            Options(scheduler));
        var output = new Collector<StreamElement<Keyed<string, long>>>();
        using (job.Subscribe(output))
        {
            scheduler.Start();
        }

        Assert.True(output.Completed, output.Error?.ToString());
        Assert.Equal(1, job.Checkpoints.Restarts);
        Assert.Empty(job.Checkpoints.UnreplayableSources);
        Assert.Equal([0, 10], opened); // checkpoint 1 at 10 ms: after records 0 to 9
        var counts = output.Items.Where(e => e.IsRecord).Select(e => e.ToString()).ToList();
        Assert.Equal(Expected(30), counts.Distinct());
        Assert.Equal(30 + 7, counts.Count); // records 10 to 16 were counted before the crash and again after it
    }

    [Fact]
    public void AnAsyncSequenceWithAPositionIsOpenedAgainAtTheCheckpoint()
    {
        var opened = new List<long>();
        var crashed = false;
        var scheduler = new TestScheduler();
        var job = StreamJob.Create(
            () => InProcessSource.FromAsyncEnumerable(
                    (long position) =>
                    {
                        opened.Add(position);
                        return Numbers(position, 30);
                    },
                    record => record + 1,
                    start: 0L,
                    "numbers",
                    OnePerStep)
                .WithEventTime(n => n, WatermarkStrategy.NoWatermarks())
                .Where(n => n != 24 || crashed || !Crash(ref crashed))
                .KeyBy(n => "k" + (n % 3))
                .Count(),
            Options(scheduler));
        var output = new Collector<StreamElement<Keyed<string, long>>>();
        using (job.Subscribe(output))
        {
            scheduler.Start();
        }

        Assert.True(output.Completed, output.Error?.ToString());
        Assert.Equal([0L, 20L], opened);
        var counts = output.Items.Where(e => e.IsRecord).Select(e => e.ToString()).ToList();
        Assert.Equal(Expected(30), counts.Distinct());
        Assert.Equal(30 + 4, counts.Count);
    }

    [Fact]
    public void AnAsyncSequenceWithoutAPositionIsUnreplayableAndOutsideAJobIsReadToItsEnd()
    {
        var (items, completed) = ReadAll(InProcessSource.FromAsyncEnumerable(Numbers(0, 5)));
        Assert.Equal([0L, 1, 2, 3, 4], items);
        Assert.True(completed);

        var scheduler = new TestScheduler();
        var job = StreamJob.Create(
            () => InProcessSource.FromAsyncEnumerable(Numbers(0, 3), "numbers").WithEventTime(n => n, WatermarkStrategy.NoWatermarks()),
            Options(scheduler));
        var output = new Collector<StreamElement<long>>();
        using (job.Subscribe(output))
        {
            scheduler.Start();
        }

        Assert.Equal("0@0 1@1 2@2", string.Join(" ", output.Items.Where(e => e.IsRecord)));
        Assert.Equal(["numbers"], job.Checkpoints.UnreplayableSources);
    }

    [Fact]
    public void APendingMoveNextIsPolledAgainAfterThePollInterval()
    {
        var gate = new GatedSequence();
        var scheduler = new TestScheduler();
        var job = StreamJob.Create(
            () => InProcessSource.FromAsyncEnumerable(gate, "gated", new SourceOptions { PollInterval = TimeSpan.FromMilliseconds(10) })
                .WithEventTime(n => n, WatermarkStrategy.NoWatermarks()),
            Options(scheduler));
        var output = new Collector<StreamElement<long>>();
        string Seen() => string.Join(" ", output.Items.Where(e => e.IsRecord));
        using (job.Subscribe(output))
        {
            scheduler.AdvanceBy(TimeSpan.FromMilliseconds(15).Ticks);
            Assert.Equal(string.Empty, Seen());

            gate.Release(7);
            scheduler.AdvanceBy(TimeSpan.FromMilliseconds(4).Ticks);
            Assert.Equal(string.Empty, Seen());                  // not read until the next poll, just after 20 ms
            scheduler.AdvanceBy(TimeSpan.FromMilliseconds(2).Ticks);
            Assert.Equal("7@7", Seen());

            gate.End();
            scheduler.AdvanceBy(TimeSpan.FromMilliseconds(10).Ticks);
            Assert.True(output.Completed);
        }
    }

    [Fact]
    public void AChannelCompletedWithAnErrorFailsTheSourceWithIt()
    {
        var channel = Channel.CreateUnbounded<int>();
        channel.Writer.TryWrite(1);
        channel.Writer.Complete(new InvalidOperationException("the producer died"));

        var output = new Collector<int>();
        using (InProcessSource.FromChannel(channel.Reader, "jobs").Subscribe(output))
        {
        }

        Assert.Equal([1], output.Items);
        var error = Assert.IsType<StreamOperatorException>(output.Error);
        Assert.Equal("jobs", error.Operator);
        Assert.Equal("the producer died", Assert.IsType<InvalidOperationException>(error.InnerException).Message);
    }

    [Fact]
    public void ArgumentsAreChecked()
    {
        Assert.Throws<ArgumentNullException>(() => InProcessSource.FromChannel<int>(null!));
        Assert.Throws<ArgumentNullException>(() => InProcessSource.FromAsyncEnumerable<int>(null!));
        Assert.Throws<ArgumentNullException>(() => InProcessSource.FromChannel<int, long>(null!, i => i, 0));
        Assert.Throws<ArgumentNullException>(() => InProcessSource.FromAsyncEnumerable<int, long>(_ => Numbers(0, 1).Select(n => (int)n), null!, 0));
        Assert.Throws<ArgumentException>(() => InProcessSource.FromChannel(Channel.CreateUnbounded<int>().Reader, ""));
    }

    private static bool Crash(ref bool crashed)
    {
        crashed = true;
        throw new InvalidOperationException("crash");
    }

    private static CheckpointOptions Options(TestScheduler scheduler) => new()
    {
        Scheduler = scheduler,
        Interval = TimeSpan.FromMilliseconds(10),
        AsynchronousSnapshots = false,
        RestartStrategy = RestartStrategy.FixedDelay(1, TimeSpan.FromMilliseconds(5)),
    };

    private static void Write(Channel<string> channel, string values)
    {
        foreach (var value in values.Split(' '))
        {
            Assert.True(channel.Writer.TryWrite(value));
        }
    }

    private static async IAsyncEnumerable<long> Numbers(long from, long to)
    {
        for (var n = from; n < to; n++)
        {
            yield return n;
        }

        await Task.CompletedTask;
    }

    private static (List<T> Items, bool Completed) ReadAll<T>(IObservable<T> source)
    {
        var output = new Collector<T>();
        using (source.Subscribe(output))
        {
        }

        Assert.Null(output.Error);
        return (output.Items, output.Completed);
    }

    /// <summary>Counts per key k(i % 3) of records 0..n-1, as the job prints them.</summary>
    private static List<string> Expected(int n)
    {
        var counts = new long[3];
        return Enumerable.Range(0, n).Select(i => new Keyed<string, long>("k" + (i % 3), ++counts[i % 3]).ToString() + "@" + i).ToList();
    }

    /// <summary>An async sequence whose next element the test releases: its MoveNextAsync stays pending until then.</summary>
    private sealed class GatedSequence : IAsyncEnumerable<long>, IAsyncEnumerator<long>
    {
        private TaskCompletionSource<bool> _next = new();

        public long Current { get; private set; }

        public void Release(long value)
        {
            Current = value;
            _next.SetResult(true);
        }

        public void End() => _next.SetResult(false);

        public IAsyncEnumerator<long> GetAsyncEnumerator(CancellationToken cancellationToken = default) => this;

        public ValueTask<bool> MoveNextAsync()
        {
            if (_next.Task.IsCompleted)
            {
                _next = new TaskCompletionSource<bool>();
            }

            return new ValueTask<bool>(_next.Task);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
