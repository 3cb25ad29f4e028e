using System.Threading;
using System.Reactive.Concurrency;
using System.Threading.Tasks;
using RxStreams.Checkpoints;

namespace RxStreams.Tests.Checkpoints.Parallel;

[Collection(nameof(Adversarial.ParallelTaskThreads))]
[Adversarial.NoLeakedTaskThreads]
public class ParallelJobTest
{
    private static readonly SourceOptions Paced = new() { RecordsPerStep = 1, Pace = TimeSpan.FromMilliseconds(1) };

    // Small buffers keep the tasks close behind the source in virtual time, so barriers reach them within a few steps.
    private static readonly ExchangeOptions SmallBuffers = new() { Capacity = 8 };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void AParallelJobWithoutFailureGivesTheSingleTaskOutput(int parallelism)
    {
        var events = Events(300, keys: 9, seed: 5);
        var expected = Run(events, 1, failAt: null, out _);
        var actual = Run(events, parallelism, failAt: null, out var statistics);
        Assert.Equal(expected.Order(), actual.Order());
        Assert.True(statistics.Completed > 3, statistics.ToString());
    }

    [Theory]
    [InlineData(2, 150)]
    [InlineData(3, 77)]
    public void AFailedParallelJobRestartsAndItsDeduplicatedOutputIsThatOfARunWithoutFailure(int parallelism, int failAt)
    {
        var events = Events(300, keys: 9, seed: 5);
        var expected = Run(events, 1, failAt: null, out _);
        var actual = Run(events, parallelism, failAt, out var statistics);
        Assert.Equal(1, statistics.Restarts);
        Assert.True(statistics.RestoredFromId > 0, $"the restart did not restore a checkpoint: {statistics}");
        Assert.Equal(expected.Order(), actual.Distinct().Order());
    }

    internal static List<(string Key, long Time)> Events(int count, int keys, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => ("k" + random.Next(keys), (i * 3L) + random.Next(10))).ToList();
    }

    [Theory]
    [InlineData(false, 100)]
    [InlineData(true, 100)]
    [InlineData(true, 70)]
    [InlineData(true, 181)]
    public void PartitionedSourcesFeedAKeyedStageThroughAHashExchangeAndRecover(bool unaligned, int failAt)
    {
        var events = Events(240, keys: 8, seed: 11);
        var expected = Run(events, 1, failAt: null, out _, timers: false);
        var actual = RunJob(Partitioned(events, 3, failAt, timers: false), RestartOnce, out var statistics, unaligned: unaligned);
        Assert.Equal(1, statistics.Restarts);
        Assert.True(statistics.RestoredFromId > 0, statistics.ToString());
        Assert.Equal(expected.Order(), actual.Distinct().Order());
    }

    [Fact]
    public void OnTheJobsOwnSchedulerPartitionedSourcesReadOnThreadsOfTheirOwnAndRecover()
    {
        var events = Events(240, keys: 8, seed: 11);
        var expected = Run(events, 1, failAt: null, out _, timers: false);
        var threads = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        var failAt = FailAt(100);
        var job = StreamJob.Create(
            () => ParallelStream.FromPartitions(Enumerable.Range(0, 3)
                    .Select(i => Stamp(events.Where(e => (e.Key[^1] - '0') % 3 == i).ToList()))
                    .ToArray())
                .Apply(s => s.Where(e =>
                {
                    threads[Thread.CurrentThread.Name ?? "?"] = true;
                    return failAt(e);
                }))
                .PartitionByKey(e => e.Key, 2)
                .Apply(s => s.KeyBy(e => e.Key).Process(() => new Running(false)))
                .Merge(),
            new CheckpointOptions { Interval = TimeSpan.FromMilliseconds(5), RestartStrategy = RestartOnce });
        var output = new BlockingCollector<string>();
        using (job.Subscribe(output))
        {
            output.Wait(TimeSpan.FromSeconds(60));
        }

        Assert.Equal(["source events task 0", "source events task 1", "source events task 2"], threads.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1, job.Checkpoints.Restarts);
        Assert.Equal(expected.Order(), output.Items.Distinct().Order());
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(3, 1)]
    [InlineData(1, 4)]
    public async Task ASavepointTakenAtOneParallelismResumesAtAnother(int before, int after)
    {
        var events = Events(300, keys: 9, seed: 5);
        var expected = Run(events, 1, failAt: null, out _);

        var scheduler = new PumpedTestScheduler();
        var first = StreamJob.Create(() => Keyed(events, before, null, timers: true), Options(scheduler, RestartStrategy.None));
        var output = new BlockingCollector<string>();
        CheckpointSnapshot savepoint;
        using (first.Subscribe(output))
        {
            scheduler.RunUntil(() => output.Items.Count >= 60, TimeSpan.FromMilliseconds(1));
            var stopping = first.StopWithSavepointAsync();
            scheduler.RunUntil(() => output.Ended, TimeSpan.FromMilliseconds(1));
            output.Wait(TimeSpan.Zero);
            savepoint = await stopping;
        }

        var resumed = RunJob(() => Keyed(events, after, null, timers: true), RestartOnce, out var statistics, savepoint);
        Assert.Equal(savepoint.CheckpointId, statistics.RestoredFromId);
        var all = output.Items.Concat(resumed).ToList();
        Assert.Equal(all.Count, all.Distinct().Count()); // stop-with-savepoint emits nothing after the savepoint
        Assert.Equal(expected.Order(), all.Order());
    }

    [Fact]
    public void AKeyedOperatorBehindPartitionedSourcesWithoutAHashExchangeIsRefusedAtStart()
    {
        var events = Events(40, keys: 4, seed: 1);
        var sources = Enumerable.Range(0, 2).Select(i => Stamp(events.Where((_, n) => n % 2 == i).ToList())).ToArray();
        var error = RunFailing(() => ParallelStream.FromPartitions(sources).Apply(s => s.KeyBy(e => e.Key).Count().Select(k => k.ToString())).Merge());
        Assert.IsType<NotSupportedException>(error);
        Assert.Contains("Keyed operator 'Count' runs in parallel task 0 of 2, whose input is not partitioned by key", error.Message);
    }

    [Fact]
    public void AKeyedOperatorKeyedOtherwiseThanItsExchangeFailsItsCheckpointsNamingIt()
    {
        var events = Events(200, keys: 9, seed: 4);
        var scheduler = new PumpedTestScheduler();
        var job = StreamJob.Create(
            () => Stamp(events).PartitionByKey(e => e.Key, 2, SmallBuffers).Apply(s => s.KeyBy(e => e.Time).Count().Uid("by time").Select(k => k.ToString())).Merge(),
            Options(scheduler, RestartStrategy.None));
        var output = new BlockingCollector<string>();
        using (job.Subscribe(output))
        {
            scheduler.RunUntil(() => output.Ended, TimeSpan.FromMilliseconds(1));
            output.Wait(TimeSpan.Zero);
        }

        Assert.True(job.Checkpoints.Failed > 0);
        Assert.Matches(
            "^Checkpoint [0-9]+ failed: operator 'Count' \\(uid 'by time'\\) in parallel task [01] of 2 holds state of key group [0-9]+, which task [01] owns",
            job.Checkpoints.LastFailure!.Message);
    }

    internal static List<string> Run(IReadOnlyList<(string Key, long Time)> events, int parallelism, int? failAt, out CheckpointStatistics statistics, bool timers = true)
    {
        var filter = FailAt(failAt);
        return RunJob(() => Keyed(events, parallelism, filter, timers), RestartOnce, out statistics);
    }

    private static RestartStrategy RestartOnce => RestartStrategy.FixedDelay(3, TimeSpan.FromMilliseconds(10));

    private static CheckpointOptions Options(IScheduler scheduler, RestartStrategy restarts) => new()
    {
        Scheduler = scheduler,
        AsynchronousSnapshots = false,
        Interval = TimeSpan.FromMilliseconds(10),
        RestartStrategy = restarts,
    };

    private static List<string> RunJob(
        Func<IObservable<StreamElement<string>>> pipeline, RestartStrategy restarts, out CheckpointStatistics statistics, CheckpointSnapshot? from = null, bool unaligned = false)
    {
        var scheduler = new PumpedTestScheduler();
        var job = StreamJob.Create(pipeline, Options(scheduler, restarts) with { RestoreFrom = from, Unaligned = unaligned });
        var output = new BlockingCollector<string>();
        using (job.Subscribe(output))
        {
            scheduler.RunUntil(() => output.Ended, TimeSpan.FromMilliseconds(1));
            output.Wait(TimeSpan.Zero);
        }

        statistics = job.Checkpoints;
        return output.Items;
    }

    private static Exception RunFailing(Func<IObservable<StreamElement<string>>> pipeline)
    {
        var scheduler = new PumpedTestScheduler();
        var job = StreamJob.Create(pipeline, Options(scheduler, RestartStrategy.None));
        var output = new BlockingCollector<string>();
        using (job.Subscribe(output))
        {
            scheduler.RunUntil(() => output.Ended, TimeSpan.FromMilliseconds(1));
        }

        return Assert.IsAssignableFrom<Exception>(output.Error);
    }

    private static IObservable<StreamElement<(string Key, long Time)>> Stamp(IReadOnlyList<(string Key, long Time)> events) =>
        ReplayableSource.FromList(events, "events", Paced)
            .WithEventTime(e => e.Time, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(5)));

    private static IObservable<StreamElement<string>> Keyed(IReadOnlyList<(string Key, long Time)> events, int parallelism, Func<(string Key, long Time), bool>? filter, bool timers) =>
        Stamp(events)
            .PartitionByKey(e => e.Key, parallelism, SmallBuffers)
            .Apply(s => s.Where(filter ?? (_ => true)).KeyBy(e => e.Key).Process(() => new Running(timers)))
            .Merge();

    /// <summary>Each key's records in one of <paramref name="partitions"/> sources, so every key keeps its order; keyed behind a hash exchange.</summary>
    private static Func<IObservable<StreamElement<string>>> Partitioned(IReadOnlyList<(string Key, long Time)> events, int partitions, int? failAt, bool timers)
    {
        var filter = FailAt(failAt);
        return () =>
        {
        var sources = Enumerable.Range(0, partitions)
            .Select(i => Stamp(events.Where(e => (e.Key[^1] - '0') % partitions == i).ToList()))
            .ToArray();
        return ParallelStream.FromPartitions(sources)
            .Apply(s => s.Where(filter))
            .PartitionByKey(e => e.Key, 2, SmallBuffers)
            .Apply(s => s.KeyBy(e => e.Key).Process(() => new Running(timers)))
            .Merge();
        };
    }

    /// <summary>Throws once, at the <paramref name="failAt"/>-th record over all tasks and attempts.</summary>
    private static Func<(string Key, long Time), bool> FailAt(int? failAt)
    {
        var seen = 0;
        var failed = 0;
        return e =>
        {
            if (Interlocked.Increment(ref seen) == failAt && Interlocked.Exchange(ref failed, 1) == 0)
            {
                throw new InvalidOperationException("injected");
            }

            return true;
        };
    }

    private sealed class Running(bool timers) : KeyedProcessFunction<string, (string Key, long Time), string>
    {
        private ValueState<int> _count = null!;

        public override void Open(RuntimeContext context) => _count = context.GetState(new ValueStateDescriptor<int>("count"));

        public override void ProcessElement((string Key, long Time) value, KeyedProcessContext<string, string> context)
        {
            _count.Value++;
            context.Collect($"{context.Key}#{_count.Value}@{value.Time}");
            if (timers)
            {
                context.TimerService.RegisterEventTimeTimer(value.Time + 50);
            }
        }

        public override void OnTimer(long timestamp, KeyedProcessContext<string, string> context) =>
            context.Collect($"{context.Key} timer {timestamp} count {_count.Value}");
    }
}

/// <summary>Collects a job's records from any thread and lets the test wait for its end.</summary>
internal sealed class BlockingCollector<T> : IObserver<StreamElement<T>>
{
    private readonly List<T> _items = [];
    private readonly ManualResetEventSlim _ended = new();
    private Exception? _error;

    public List<T> Items
    {
        get
        {
            lock (_items)
            {
                return [.. _items];
            }
        }
    }

    public void OnNext(StreamElement<T> value)
    {
        if (value.IsRecord)
        {
            lock (_items)
            {
                _items.Add(value.Value);
            }
        }
    }

    public Exception? Error => _error;

    public void OnError(Exception error)
    {
        _error = error;
        _ended.Set();
    }

    public void OnCompleted() => _ended.Set();

    public bool Ended => _ended.IsSet;

    public void Wait(TimeSpan timeout)
    {
        Assert.True(_ended.Wait(timeout), "the job did not end");
        if (_error is not null)
        {
            throw new Xunit.Sdk.XunitException($"the job failed: {_error}");
        }
    }
}
