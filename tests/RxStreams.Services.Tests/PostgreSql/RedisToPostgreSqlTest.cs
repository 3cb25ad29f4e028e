using RxStreams.Checkpoints;
using RxStreams.PostgreSql;
using RxStreams.Redis;
using RxStreams.Services.Tests.Services;
using RxStreams.Services.Tests.Support;
using RxStreams.Sinks;
using RxStreams.Tests.Checkpoints.Parallel;
using StackExchange.Redis;

namespace RxStreams.Services.Tests.PostgreSql;

/// <summary>
/// End to end on the real servers: three Redis streams read as parallel partitions, a hash exchange to two tasks of a
/// keyed count, and each task writing into PostgreSQL through its own writer of one sink (its subtask in its
/// transactions' names), crashed at random records and around the commits: the table ends with exactly the rows of a
/// run without failure.
/// </summary>
[Collection(nameof(ServicesCollection))]
[RxStreams.Tests.Adversarial.NoLeakedTaskThreads]
public sealed class RedisToPostgreSqlTest : IDisposable
{
    private const int PerStream = 40;

    private readonly LocalServices _services;
    private readonly ConnectionMultiplexer _redis;

    public RedisToPostgreSqlTest(LocalServices services)
    {
        _services = services;
        _redis = ConnectionMultiplexer.Connect(services.Redis.Configuration);
    }

    public void Dispose() => _redis.Dispose();

    [Theory]
    [InlineData(PostgreSqlSinkMode.TwoPhaseCommit, 21)]
    [InlineData(PostgreSqlSinkMode.TwoPhaseCommit, 22)]
    [InlineData(PostgreSqlSinkMode.TwoPhaseCommit, 23)]
    [InlineData(PostgreSqlSinkMode.Idempotent, 21)]
    [InlineData(PostgreSqlSinkMode.Idempotent, 22)]
    public void ParallelPartitionsIntoParallelWritersCrashedAtRandomGiveExactlyTheRowsOfARunWithoutFailure(PostgreSqlSinkMode mode, int seed)
    {
        var streams = NewStreams(3);
        var random = new Random(seed);
        var crashes = Crashes.Random(seed, count: 2, from: 20, to: 3 * PerStream);
        var faults = new FaultPlan().At("commit", random.Next(2, 10)).At("prepared", random.Next(2, 10));
        var table = PostgreSqlSinkTest.NewTable(_services.Postgres);
        var sink = new PostgreSqlSink<Keyed<string, long>>(_services.Postgres.ConnectionString, PostgreSqlSinkTest.Columns(table), mode, "counts", new SinkOptions { BatchSize = 8, BatchLatency = TimeSpan.Zero })
        {
            Faults = faults.Reached,
        };
        var scheduler = new PumpedTestScheduler();
        var job = StreamJob.Create(
            () => RedisStreams.ReadPartitions(
                    _redis,
                    streams,
                    Redis.Click.From,
                    c => c.Time,
                    WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(5)),
                    new RedisStreamOptions { BatchSize = 4, Source = new SourceOptions { RecordsPerStep = 1, Pace = TimeSpan.FromMilliseconds(1) } },
                    "clicks")
                .Apply(s => s.Where(_ => crashes.Record()))
                .PartitionByKey(c => c.User, 2, new ExchangeOptions { Capacity = 8 })
                .Apply(s => s.KeyBy(c => c.User).Count().Uid("per-user").SinkTo(sink).Uid("counts-sink"))
                .Merge(),
            new CheckpointOptions
            {
                Scheduler = scheduler,
                Interval = TimeSpan.FromMilliseconds(10),
                Storage = new InMemoryCheckpointStorage(),
                AsynchronousSnapshots = false,
                RestartStrategy = RestartStrategy.FixedDelay(20, TimeSpan.FromMilliseconds(3)),
            });
        var output = new JobOutput<Keyed<string, long>>();
        using (job.Subscribe(output))
        {
            scheduler.RunUntil(() => output.Ended, TimeSpan.FromMilliseconds(1));
        }

        output.AssertCompleted();
        Assert.True(crashes.Crashed + faults.Injected >= 2, $"crashes {crashes.Crashed}, faults {faults}");
        Assert.Equal(crashes.Crashed + faults.Injected, job.Checkpoints.Restarts);
        var expected = Enumerable.Range(0, 3)
            .SelectMany(s => Enumerable.Range(0, 4).SelectMany(u => Enumerable.Range(1, PerStream / 4).Select(n => $"{s}{u} {n}")))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected, PostgreSqlSinkTest.Rows(_services.Postgres, table).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(0L, _services.Postgres.Scalar<long>("SELECT count(*) FROM pg_prepared_xacts WHERE starts_with(gid, 'counts-sink.')"));
    }

    /// <summary>Stream <c>s</c> holds users <c>s0…s3</c>, 10 clicks each.</summary>
    private List<string> NewStreams(int count)
    {
        var db = _redis.GetDatabase();
        var prefix = "e2e-" + Guid.NewGuid().ToString("N") + "-";
        var streams = Enumerable.Range(0, count).Select(s => prefix + s).ToList();
        for (var s = 0; s < count; s++)
        {
            for (var i = 0; i < PerStream; i++)
            {
                db.StreamAdd(streams[s], [new("user", $"{s}{i % 4}"), new("time", (i * 10L) + s)]);
            }
        }

        return streams;
    }
}
