using Microsoft.Reactive.Testing;
using RxStreams.Checkpoints;
using RxStreams.Redis;
using RxStreams.Services.Tests.Services;
using RxStreams.Services.Tests.Support;
using RxStreams.Sinks;
using StackExchange.Redis;

namespace RxStreams.Services.Tests.Redis;

[Collection(nameof(ServicesCollection))]
public sealed class RedisKeySinkTest : IDisposable
{
    private static readonly List<Click> Clicks = Enumerable.Range(0, 200).Select(i => new Click("u" + (i % 5), i * 2L)).ToList();

    private readonly ConnectionMultiplexer _redis;
    private readonly IDatabase _db;

    public RedisKeySinkTest(LocalServices services)
    {
        _redis = ConnectionMultiplexer.Connect(services.Redis.Configuration);
        _db = _redis.GetDatabase();
    }

    public void Dispose() => _redis.Dispose();

    /// <summary>A replay after each crash writes the same keys again: they end with the values of a run without failure, and no other key appears.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void CrashedAtRandomTheKeysEndWithTheValuesOfARunWithoutFailure(int seed)
    {
        var prefix = "count-" + Guid.NewGuid().ToString("N") + ":";
        var crashes = seed == 0 ? new Crashes([]) : Crashes.Random(seed, count: 3, from: 20, to: 200);
        var sink = new RedisKeySink<Keyed<string, long>>(_redis, k => prefix + k.Key, k => k.Value, "counts", new SinkOptions { BatchSize = 16, BatchLatency = TimeSpan.Zero });
        var scheduler = new TestScheduler();
        var job = StreamJob.Create(
            () => ReplayableSource.FromList(Clicks, "clicks", new SourceOptions { RecordsPerStep = 1, Pace = TimeSpan.FromMilliseconds(1) })
                .WithEventTime(c => c.Time, WatermarkStrategy.ForMonotonousTimestamps())
                .Where(_ => crashes.Record())
                .KeyBy(c => c.User)
                .Count()
                .Uid("counts")
                .SinkTo(sink)
                .Uid("counts-sink"),
            new CheckpointOptions
            {
                Scheduler = scheduler,
                Interval = TimeSpan.FromMilliseconds(10),
                Storage = new InMemoryCheckpointStorage(),
                AsynchronousSnapshots = false,
                RestartStrategy = RestartStrategy.FixedDelay(10, TimeSpan.FromMilliseconds(3)),
            });
        var output = new JobOutput<Keyed<string, long>>();
        using (job.Subscribe(output))
        {
            scheduler.Start();
        }

        output.AssertCompleted();
        Assert.Equal(crashes.Points.Count, job.Checkpoints.Restarts);
        var keys = _redis.GetServer(_redis.GetEndPoints()[0]).Keys(pattern: prefix + "*").Select(k => k.ToString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(0, 5).Select(u => $"{prefix}u{u}"), keys);
        Assert.All(keys, k => Assert.Equal(40L, (long)_db.StringGet(k)));
    }

    [Fact]
    public void RedisDownFailsTheJobAsUnavailable()
    {
        using var nowhere = ConnectionMultiplexer.Connect($"127.0.0.1:{ServerProcess.FreePort()},abortConnect=false,connectTimeout=200,connectRetry=0,syncTimeout=500,asyncTimeout=500");
        var sink = new RedisKeySink<Click>(nowhere, c => c.User, c => c.Time, "clicks", new SinkOptions { BatchSize = 4, BatchLatency = TimeSpan.Zero });
        Exception? failure = null;
        using (ReplayableSource.FromList(Clicks, "clicks").WithEventTime(c => c.Time, WatermarkStrategy.ForMonotonousTimestamps()).SinkTo(sink).Subscribe(_ => { }, e => failure = e))
        {
        }

        var error = Assert.IsType<SinkUnavailableException>(RedisStreamSourceTest.Unwrap(failure));
        Assert.StartsWith("Sink 'clicks' (uid 'clicks', subtask 0 of 1): writing 4 keys failed: Redis is unavailable: ", error.Message, StringComparison.Ordinal);
    }
}
