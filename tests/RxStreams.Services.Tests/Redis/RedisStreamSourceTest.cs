using Microsoft.Reactive.Testing;
using RxStreams.Redis;
using RxStreams.Services.Tests.Services;
using RxStreams.Services.Tests.Support;
using StackExchange.Redis;

namespace RxStreams.Services.Tests.Redis;

[Collection(nameof(ServicesCollection))]
public sealed class RedisStreamSourceTest : IDisposable
{
    private static readonly SourceOptions OneRecordPerMs = new() { RecordsPerStep = 1, Pace = TimeSpan.FromMilliseconds(1) };

    private readonly ConnectionMultiplexer _redis;
    private readonly IDatabase _db;
    private readonly LocalServices _services;

    public RedisStreamSourceTest(LocalServices services)
    {
        _services = services;
        _redis = ConnectionMultiplexer.Connect(services.Redis.Configuration);
        _db = _redis.GetDatabase();
    }

    public void Dispose() => _redis.Dispose();

    [Fact]
    public void ABoundedReadGivesEveryEntryInIdOrderInBatchesAndCompletes()
    {
        var key = NewStream(10);
        var read = new List<string>();
        var completed = false;
        using (RedisStreams.Read(_redis, key, Click.From, new RedisStreamOptions { BatchSize = 3 }).Subscribe(c => read.Add(c.ToString()), () => completed = true))
        {
        }

        Assert.True(completed);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => new Click("u" + (i % 3), i * 10L).ToString()), read);
    }

    [Fact]
    public void ReadingStartsAfterTheGivenEntryId()
    {
        var key = NewStream(0);
        var ids = Enumerable.Range(1, 5).Select(i => _db.StreamAdd(key, [new("user", "u"), new("time", i)], $"{i}-0").ToString()).ToList();
        var read = new List<long>();
        using (RedisStreams.Read(_redis, key, Click.From, new RedisStreamOptions { StartAfter = ids[2] }).Subscribe(c => read.Add(c.Time)))
        {
        }

        Assert.Equal([4L, 5L], read);
    }

    [Fact]
    public void ABoundedReadEndsAtTheEntryThatWasLastWhenItStartedAlthoughTheStreamGrows()
    {
        var key = NewStream(5);
        var scheduler = new TestScheduler();
        var output = new JobOutput<Click>();
        var job = StreamJob.Create(() => Source(key, follow: false), Options(scheduler, RestartStrategy.None));
        using (job.Subscribe(output))
        {
            scheduler.AdvanceBy(TimeSpan.FromMilliseconds(2).Ticks);
            Append(key, 5, 3);
            scheduler.Start();
        }

        output.AssertCompleted();
        Assert.Equal(Expected(5), output.Records);
    }

    [Fact]
    public void InFollowModeTheSourcePollsForNewEntriesAndNeverCompletes()
    {
        var key = NewStream(4);
        var scheduler = new TestScheduler();
        var output = new JobOutput<Click>();
        var job = StreamJob.Create(() => Source(key, follow: true), Options(scheduler, RestartStrategy.None));
        using (job.Subscribe(output))
        {
            scheduler.AdvanceBy(TimeSpan.FromMilliseconds(50).Ticks);
            Assert.Equal(Expected(4), output.Records);
            Append(key, 4, 3);
            scheduler.AdvanceBy(TimeSpan.FromMilliseconds(50).Ticks);
            Assert.Equal(Expected(7), output.Records);
            Assert.False(output.Ended);
        }
    }

    [Fact]
    public void AnEntryThatCannotBeMappedFailsTheJobNamingTheStreamAndTheId()
    {
        var key = NewStream(3);
        var bad = _db.StreamAdd(key, [new("user", "u9"), new("time", "soon")]).ToString();
        Append(key, 4, 2);
        var scheduler = new TestScheduler();
        var output = new JobOutput<Click>();
        using (StreamJob.Create(() => Source(key, follow: false), Options(scheduler, RestartStrategy.None)).Subscribe(output))
        {
            scheduler.Start();
        }

        Assert.Equal(Expected(3), output.Records);
        var error = Assert.IsType<RedisStreamException>(Unwrap(output.Error));
        Assert.Equal(key, error.Stream);
        Assert.Equal(bad, error.EntryId);
        Assert.StartsWith($"Mapping entry {bad} of stream '{key}' failed: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithDeadLettersAnEntryThatCannotBeMappedBecomesADeadLetterAndTheSourceGoesOn()
    {
        var key = NewStream(3);
        var bad = _db.StreamAdd(key, [new("name", "u9")]).ToString();
        Append(key, 3, 2);
        var deadLetters = new DeadLetters();
        var letters = new List<DeadLetter>();
        using var subscription = deadLetters.Subscribe(letters.Add);
        var read = new List<string>();
        using (RedisStreams.Read(_redis, key, Click.From, new RedisStreamOptions { DeadLetters = deadLetters }, "clicks").Subscribe(c => read.Add(c.ToString())))
        {
        }

        Assert.Equal(Enumerable.Range(0, 5).Select(i => new Click("u" + (i % 3), i * 10L).ToString()), read);
        var letter = Assert.Single(letters);
        Assert.Equal("clicks", letter.Operator);
        Assert.Equal(bad, ((RedisStreamEntry)letter.Record!).Id.ToString());
        var error = Assert.IsType<RedisStreamException>(letter.Error);
        Assert.Equal($"Mapping entry {bad} of stream '{key}' failed: Entry {bad} of stream '{key}' has no field 'time'.", error.Message);
    }

    [Fact]
    public void AKeyThatIsNotAStreamFailsTheReadNamingIt()
    {
        var key = "not-a-stream-" + Guid.NewGuid().ToString("N");
        _db.StringSet(key, "text");
        Exception? failure = null;
        using (RedisStreams.Read(_redis, key, Click.From).Subscribe(_ => { }, e => failure = e))
        {
        }

        var error = Assert.IsType<RedisStreamException>(Unwrap(failure));
        Assert.Equal(key, error.Stream);
        Assert.StartsWith($"Reading stream '{key}' after entry 0-0 failed: WRONGTYPE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RedisDownFailsTheReadWithATypedErrorNamingTheStream()
    {
        using var nowhere = ConnectionMultiplexer.Connect($"127.0.0.1:{ServerProcess.FreePort()},abortConnect=false,connectTimeout=200,connectRetry=0,syncTimeout=500,asyncTimeout=500");
        Exception? failure = null;
        using (RedisStreams.Read(nowhere, "clicks", Click.From).Subscribe(_ => { }, e => failure = e))
        {
        }

        var error = Assert.IsType<RedisStreamException>(Unwrap(failure));
        Assert.Equal("clicks", error.Stream);
        Assert.StartsWith("Reading stream 'clicks' after entry 0-0 failed: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RedisFrozenMidRunFailsTheJobWithATypedErrorNamingTheStreamAndTheLastIdRead()
    {
        var key = NewStream(10);
        var fifth = _db.StreamRange(key)[4].Id.ToString();
        using var impatient = ConnectionMultiplexer.Connect(_services.Redis.Configuration.Replace("syncTimeout=10000", "syncTimeout=300", StringComparison.Ordinal));
        var scheduler = new TestScheduler();
        var output = new JobOutput<Click>();
        var paused = false;
        try
        {
            var job = StreamJob.Create(
                () => RedisStreams.Read(impatient, key, Click.From, new RedisStreamOptions { BatchSize = 5, Source = OneRecordPerMs })
                    .WithEventTime(c => c.Time, WatermarkStrategy.ForMonotonousTimestamps())
                    .Where(c =>
                    {
                        if (c.Time == 40 && !paused)
                        {
                            paused = true;
                            _services.Redis.Pause();
                        }

                        return true;
                    }),
                Options(scheduler, RestartStrategy.None));
            using (job.Subscribe(output))
            {
                scheduler.Start();
            }
        }
        finally
        {
            _services.Redis.Resume();
        }

        Assert.True(paused);
        Assert.Equal(Expected(5), output.Records);
        var error = Assert.IsType<RedisStreamException>(Unwrap(output.Error));
        Assert.Equal(fifth, error.EntryId);
        Assert.StartsWith($"Reading stream '{key}' after entry {fifth} failed: Timeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadArgumentsAreRefusedNamingThem()
    {
        Assert.Equal("stream", Assert.Throws<ArgumentException>(() => RedisStreams.Read(_redis, string.Empty, Click.From)).ParamName);
        Assert.Equal("BatchSize", Assert.Throws<ArgumentOutOfRangeException>(() => RedisStreams.Read(_redis, "s", Click.From, new RedisStreamOptions { BatchSize = 0 })).ParamName);
        Assert.Equal("StartAfter", Assert.Throws<ArgumentException>(() => RedisStreams.Read(_redis, "s", Click.From, new RedisStreamOptions { StartAfter = "yesterday" })).ParamName);
        var twice = Assert.Throws<ArgumentException>(() => RedisStreams.ReadPartitions(_redis, ["a", "a"], Click.From, c => c.Time, WatermarkStrategy.ForMonotonousTimestamps()));
        Assert.StartsWith("Stream 'a' is given twice", twice.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A keyed count over a Redis stream, crashed at random records (seeded) and restored each time from its last
    /// checkpoint: the state is exactly-once (each key's final count is its number of entries), the output after a
    /// restore repeats only what followed the restored checkpoint (deduplicated it is the run without crashes), and the
    /// entries appended after the first crash are not read: the end is in the checkpoint.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void AJobCrashedAtRandomAndRestoredGivesTheOutputOfARunWithoutCrashes(int seed)
    {
        const int Entries = 120;
        var key = NewStream(Entries);
        var expected = CountJob(key, new Crashes([]), out var clean);
        Assert.Equal(0, clean.Restarts);
        Assert.Equal(Entries, expected.Count);

        var crashes = Crashes.Random(seed, count: 3, from: 30, to: Entries + 60);
        crashes = new Crashes(crashes.Points) { OnFirstCrash = () => Append(key, Entries, 10) };
        var actual = CountJob(key, crashes, out var statistics);

        Assert.True(crashes.Crashed > 0, $"no crash happened at {string.Join(", ", crashes.Points)}");
        Assert.Equal(crashes.Crashed, statistics.Restarts);
        Assert.True(statistics.RestoredFromId > 0, statistics.ToString());
        Assert.Equal(expected, actual.Distinct().ToList());
        Assert.Equal(["u0=40", "u1=40", "u2=40"], actual.Select(r => r[..r.IndexOf('@', StringComparison.Ordinal)]).GroupBy(r => r[..2]).Select(g => g.Last()).Order(StringComparer.Ordinal));
    }

    private List<string> CountJob(string key, Crashes crashes, out CheckpointStatistics statistics)
    {
        var scheduler = new TestScheduler();
        var job = StreamJob.Create(
            () => RedisStreams.Read(_redis, key, Click.From, new RedisStreamOptions { BatchSize = 7, Source = OneRecordPerMs }, "clicks")
                .WithEventTime(c => c.Time, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(5)))
                .Where(_ => crashes.Record())
                .KeyBy(c => c.User)
                .Count()
                .Uid("clicks-per-user"),
            Options(scheduler, RestartStrategy.FixedDelay(10, TimeSpan.FromMilliseconds(3))));
        var output = new JobOutput<Keyed<string, long>>();
        using (job.Subscribe(output))
        {
            scheduler.Start();
        }

        output.AssertCompleted();
        statistics = job.Checkpoints;
        return output.Records;
    }

    internal static Exception? Unwrap(Exception? error)
    {
        while (error is StreamOperatorException { InnerException: { } inner })
        {
            error = inner;
        }

        return error;
    }

    private IObservable<StreamElement<Click>> Source(string key, bool follow) =>
        RedisStreams.Read(_redis, key, Click.From, new RedisStreamOptions { BatchSize = 2, Follow = follow, Source = OneRecordPerMs with { PollInterval = TimeSpan.FromMilliseconds(10) } })
            .WithEventTime(c => c.Time, WatermarkStrategy.ForMonotonousTimestamps());

    private static CheckpointOptions Options(TestScheduler scheduler, RestartStrategy restarts) => new()
    {
        Scheduler = scheduler,
        Interval = TimeSpan.FromMilliseconds(10),
        Storage = new Checkpoints.InMemoryCheckpointStorage(),
        AsynchronousSnapshots = false,
        RestartStrategy = restarts,
    };

    private static List<string> Expected(int count) =>
        Enumerable.Range(0, count).Select(i => $"{new Click("u" + (i % 3), i * 10L)}@{i * 10}").ToList();

    private string NewStream(int entries)
    {
        var key = "clicks-" + Guid.NewGuid().ToString("N");
        Append(key, 0, entries);
        return key;
    }

    private void Append(string key, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            _db.StreamAdd(key, [new("user", "u" + (i % 3)), new("time", i * 10L)]);
        }
    }
}

/// <summary>A click as the tests write it to Redis: fields <c>user</c> and <c>time</c>.</summary>
internal sealed record Click(string User, long Time)
{
    public static Click From(RedisStreamEntry entry)
    {
        var time = entry.Required("time");
        return new Click(entry.Required("user").ToString(), time.TryParse(out long t) ? t : throw new FormatException($"time '{time}' is not a number"));
    }
}
