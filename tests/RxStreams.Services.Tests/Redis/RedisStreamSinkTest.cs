using Microsoft.Reactive.Testing;
using RxStreams.Checkpoints;
using RxStreams.Redis;
using RxStreams.Services.Tests.Services;
using RxStreams.Services.Tests.Support;
using RxStreams.Sinks;
using StackExchange.Redis;

namespace RxStreams.Services.Tests.Redis;

[Collection(nameof(ServicesCollection))]
public sealed class RedisStreamSinkTest : IDisposable
{
    private const int Records = 200;

    private static readonly List<Click> Clicks = Enumerable.Range(0, Records).Select(i => new Click("u" + (i % 5), i * 2L)).ToList();

    /// <summary>The running counts in the order a run without failure emits them.</summary>
    private static readonly List<string> Expected = Enumerable.Range(0, Records).Select(i => $"u{i % 5} {(i / 5) + 1}").ToList();

    private readonly ConnectionMultiplexer _redis;
    private readonly IDatabase _db;

    public RedisStreamSinkTest(LocalServices services)
    {
        _redis = ConnectionMultiplexer.Connect(services.Redis.Configuration);
        _db = _redis.GetDatabase();
    }

    public void Dispose() => _redis.Dispose();

    [Fact]
    public void WithoutFailureTheStreamGetsEveryRecordOnceInOrderAndNoStagingStreamIsLeft()
    {
        var stream = "counts-" + Guid.NewGuid().ToString("N");
        var output = Run(_redis, stream, new Crashes([]), new FaultPlan(), out var statistics);
        output.AssertCompleted();
        Assert.Equal(0, statistics.Restarts);
        Assert.Equal(Expected, Entries(stream));
        Assert.Empty(StagingKeys(stream));
    }

    /// <summary>
    /// Random crashes in records, right before and right after the atomic move, and during the restore: the stream
    /// ends with exactly the entries of a run without failure, in the same order, and no staging stream is left.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void CrashedAtRandomPointsTheStreamHoldsExactlyTheEntriesOfARunWithoutFailure(int seed)
    {
        var random = new Random(seed);
        var crashes = Crashes.Random(seed, count: 2, from: 20, to: Records + 20);
        var faults = new FaultPlan().At("commit", random.Next(2, 12)).At("committed", random.Next(2, 12)).At("recover", random.Next(2, 4));
        var stream = "counts-" + Guid.NewGuid().ToString("N");
        var output = Run(_redis, stream, crashes, faults, out var statistics);

        output.AssertCompleted();
        Assert.True(crashes.Crashed + faults.Injected >= 3, $"only {crashes.Crashed} record crashes and faults {faults}");
        Assert.Equal(crashes.Crashed + faults.Injected, statistics.Restarts);
        Assert.Equal(Expected, Entries(stream));
        Assert.Empty(StagingKeys(stream));
    }

    [Fact]
    public void RedisDownFailsTheJobAsUnavailable()
    {
        using var nowhere = ConnectionMultiplexer.Connect($"127.0.0.1:{ServerProcess.FreePort()},abortConnect=false,connectTimeout=200,connectRetry=0,syncTimeout=500,asyncTimeout=500");
        var output = Run(nowhere, "counts", new Crashes([]), new FaultPlan(), out _, RestartStrategy.None);
        var error = Assert.IsType<SinkUnavailableException>(RedisStreamSourceTest.Unwrap(output.Error));
        Assert.Matches(@"^Sink 'counts' \(uid 'counts-sink', subtask 0 of 1\): staging [0-9]+ entries for stream 'counts' failed: Redis is unavailable: ", error.Message);
    }

    [Fact]
    public void AStreamKeyWithBracesIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new RedisStreamSink<Click>(_redis, "a{b}", c => [new("user", c.User)]));
        Assert.Equal("stream", error.ParamName);
    }

    private static JobOutput<Keyed<string, long>> Run(IConnectionMultiplexer redis, string stream, Crashes crashes, FaultPlan faults, out CheckpointStatistics statistics, RestartStrategy? restarts = null)
    {
        var sink = new RedisStreamSink<Keyed<string, long>>(
            redis, stream, k => [new("user", k.Key), new("count", k.Value)], "counts", new SinkOptions { BatchSize = 16, BatchLatency = TimeSpan.Zero })
        {
            Faults = faults.Reached,
        };
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
                RestartStrategy = restarts ?? RestartStrategy.FixedDelay(30, TimeSpan.FromMilliseconds(3)),
            });
        var output = new JobOutput<Keyed<string, long>>();
        using (job.Subscribe(output))
        {
            scheduler.Start();
        }

        Assert.True(output.Ended, "the job did not end");
        statistics = job.Checkpoints;
        return output;
    }

    private List<string> Entries(string stream) =>
        _db.StreamRange(stream).Select(e => $"{e["user"]} {e["count"]}").ToList();

    private List<string> StagingKeys(string stream) =>
        _redis.GetServer(_redis.GetEndPoints()[0]).Keys(pattern: "{" + stream + "}:rxstreams:*").Select(k => k.ToString()).ToList();
}
