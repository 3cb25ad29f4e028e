using System.Threading;
using RxStreams.Checkpoints;

namespace RxStreams.Tests.Checkpoints.Parallel;

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

    internal static List<string> Run(IReadOnlyList<(string Key, long Time)> events, int parallelism, int? failAt, out CheckpointStatistics statistics)
    {
        var scheduler = new PumpedTestScheduler();
        var seen = 0;
        var failed = 0;
        var job = StreamJob.Create(
            () => ReplayableSource.FromList(events, "events", Paced)
                .WithEventTime(e => e.Time, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(5)))
                .PartitionByKey(e => e.Key, parallelism, SmallBuffers)
                .Apply(s => s
                    .Where(e =>
                    {
                        if (Interlocked.Increment(ref seen) == failAt && Interlocked.Exchange(ref failed, 1) == 0)
                        {
                            throw new InvalidOperationException("injected");
                        }

                        return true;
                    })
                    .KeyBy(e => e.Key)
                    .Process(() => new Running()))
                .Merge(),
            new CheckpointOptions
            {
                Scheduler = scheduler,
                AsynchronousSnapshots = false,
                Interval = TimeSpan.FromMilliseconds(10),
                RestartStrategy = RestartStrategy.FixedDelay(3, TimeSpan.FromMilliseconds(10)),
            });
        var output = new BlockingCollector<string>();
        using (job.Subscribe(output))
        {
            scheduler.RunUntil(() => output.Ended, TimeSpan.FromMilliseconds(1));
            output.Wait(TimeSpan.Zero);
        }

        statistics = job.Checkpoints;
        return output.Items;
    }

    private sealed class Running : KeyedProcessFunction<string, (string Key, long Time), string>
    {
        private ValueState<int> _count = null!;

        public override void Open(RuntimeContext context) => _count = context.GetState(new ValueStateDescriptor<int>("count"));

        public override void ProcessElement((string Key, long Time) value, KeyedProcessContext<string, string> context)
        {
            _count.Value++;
            context.Collect($"{context.Key}#{_count.Value}@{value.Time}");
            context.TimerService.RegisterEventTimeTimer(value.Time + 50);
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
