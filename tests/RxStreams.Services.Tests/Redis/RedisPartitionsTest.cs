using RxStreams.Checkpoints;
using RxStreams.Redis;
using RxStreams.Services.Tests.Services;
using RxStreams.Services.Tests.Support;
using RxStreams.Tests.Checkpoints.Parallel;
using StackExchange.Redis;

namespace RxStreams.Services.Tests.Redis;

[Collection(nameof(ServicesCollection))]
[RxStreams.Tests.Adversarial.NoLeakedTaskThreads]
public sealed class RedisPartitionsTest : IDisposable
{
    private static readonly RedisStreamOptions Paced = new()
    {
        BatchSize = 5,
        Source = new SourceOptions { RecordsPerStep = 1, Pace = TimeSpan.FromMilliseconds(1) },
    };

    private readonly ConnectionMultiplexer _redis;
    private readonly IDatabase _db;

    public RedisPartitionsTest(LocalServices services)
    {
        _redis = ConnectionMultiplexer.Connect(services.Redis.Configuration);
        _db = _redis.GetDatabase();
    }

    public void Dispose() => _redis.Dispose();

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void ThreeStreamsReadAsParallelPartitionsCrashedAtRandomGiveTheOutputOfARunWithoutCrashes(int seed)
    {
        var streams = NewStreams(3, perStream: 50);
        var expected = Run(streams, new Crashes([]), RestartStrategy.None, null, out _);
        Assert.Equal(150, expected.Count);

        var crashes = Crashes.Random(seed, count: 2, from: 20, to: 150);
        var actual = Run(streams, crashes, RestartStrategy.FixedDelay(5, TimeSpan.FromMilliseconds(5)), null, out var statistics);

        Assert.Equal(crashes.Crashed, statistics.Restarts);
        Assert.True(crashes.Crashed > 0);
        Assert.True(statistics.RestoredFromId > 0, statistics + " crashes at " + string.Join(",", crashes.Points));
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ACheckpointRestoredWithTheStreamsInAnotherOrderFailsNamingBothStreams()
    {
        var streams = NewStreams(2, perStream: 20);
        var storage = new InMemoryCheckpointStorage();
        Run(streams, new Crashes([]), RestartStrategy.None, storage, out var first);
        Assert.True(first.Completed > 0, first.ToString());

        var output = new JobOutput<string>();
        var scheduler = new PumpedTestScheduler();
        var job = StreamJob.Create(
            () => Pipeline([streams[1], streams[0]], new Crashes([])),
            Options(scheduler, RestartStrategy.None, null) with { RestoreFrom = storage.LoadLatest() });
        using (job.Subscribe(output))
        {
            scheduler.RunUntil(() => output.Ended, TimeSpan.FromMilliseconds(1));
        }

        var error = Assert.IsType<CheckpointRestoreException>(RedisStreamSourceTest.Unwrap(output.Error));
        Assert.Equal(
            $"Source 'clicks' reads stream '{streams[1]}', but the checkpoint holds a position in stream '{streams[0]}': were the streams given in another order?",
            error.Message);
    }

    private List<string> Run(IReadOnlyList<string> streams, Crashes crashes, RestartStrategy restarts, InMemoryCheckpointStorage? storage, out CheckpointStatistics statistics)
    {
        var scheduler = new PumpedTestScheduler();
        var job = StreamJob.Create(() => Pipeline(streams, crashes), Options(scheduler, restarts, storage));
        var output = new JobOutput<string>();
        using (job.Subscribe(output))
        {
            scheduler.RunUntil(() => output.Ended, TimeSpan.FromMilliseconds(1));
        }

        output.AssertCompleted();
        statistics = job.Checkpoints;
        return output.Records;
    }

    private IObservable<StreamElement<string>> Pipeline(IReadOnlyList<string> streams, Crashes crashes) =>
        RedisStreams.ReadPartitions(_redis, streams, Click.From, c => c.Time, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(5)), Paced, "clicks")
            .Apply(s => s.Where(_ => crashes.Record()))
            .PartitionByKey(c => c.User, 2, new ExchangeOptions { Capacity = 8 })
            .Apply(s => s.KeyBy(c => c.User).Count().Uid("per-user").Select(k => k.ToString()))
            .Merge();

    private static CheckpointOptions Options(PumpedTestScheduler scheduler, RestartStrategy restarts, InMemoryCheckpointStorage? storage) => new()
    {
        Scheduler = scheduler,
        Interval = TimeSpan.FromMilliseconds(10),
        Storage = storage ?? new InMemoryCheckpointStorage(),
        AsynchronousSnapshots = false,
        RestartStrategy = restarts,
    };

    /// <summary>Stream <c>s</c> holds the clicks of users <c>s0…s4</c>: a user's clicks are all in one stream, in order.</summary>
    private List<string> NewStreams(int count, int perStream)
    {
        var prefix = "partition-" + Guid.NewGuid().ToString("N") + "-";
        var streams = Enumerable.Range(0, count).Select(s => prefix + s).ToList();
        for (var s = 0; s < count; s++)
        {
            for (var i = 0; i < perStream; i++)
            {
                _db.StreamAdd(streams[s], [new("user", $"{s}{i % 5}"), new("time", (i * 10L) + s)]);
            }
        }

        return streams;
    }
}
