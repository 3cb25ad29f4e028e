using Microsoft.Reactive.Testing;
using Npgsql;
using NpgsqlTypes;
using RxStreams.Checkpoints;
using RxStreams.PostgreSql;
using RxStreams.Services.Tests.Redis;
using RxStreams.Services.Tests.Services;
using RxStreams.Services.Tests.Support;
using RxStreams.Sinks;

namespace RxStreams.Services.Tests.PostgreSql;

[Collection(nameof(ServicesCollection))]
public sealed class PostgreSqlSinkTest(LocalServices services)
{
    private const int Records = 200;
    private const int Users = 5;

    private static readonly SourceOptions OneRecordPerMs = new() { RecordsPerStep = 1, Pace = TimeSpan.FromMilliseconds(1) };

    private static readonly List<Click> Clicks = Enumerable.Range(0, Records).Select(i => new Click("u" + (i % Users), i * 2L)).ToList();

    /// <summary>Each user's running counts, 1 to 40, once each: the rows of a run without failure.</summary>
    private static readonly List<string> ExpectedRows =
        Enumerable.Range(0, Users).SelectMany(u => Enumerable.Range(1, Records / Users).Select(n => $"u{u} {n}")).ToList();

    [Fact]
    public void WithoutFailureEveryRecordBecomesOneRowAndNoPreparedTransactionIsLeft()
    {
        var table = NewTable(services.Postgres);
        var output = Run(services.Postgres, table, PostgreSqlSinkMode.TwoPhaseCommit, new Crashes([]), new FaultPlan(), out var statistics);
        output.AssertCompleted();
        Assert.Equal(0, statistics.Restarts);
        Assert.Equal(ExpectedRows, Rows(services.Postgres, table));
        Assert.Equal(0L, PreparedTransactions(services.Postgres, table));
    }

    /// <summary>Twelve seeds of two-phase commit, eight of idempotent staging; each run crashes at least 3 times.</summary>
    public static TheoryData<PostgreSqlSinkMode, int> CrashRuns()
    {
        var runs = new TheoryData<PostgreSqlSinkMode, int>();
        for (var seed = 1; seed <= 12; seed++)
        {
            runs.Add(PostgreSqlSinkMode.TwoPhaseCommit, seed);
        }

        for (var seed = 1; seed <= 8; seed++)
        {
            runs.Add(PostgreSqlSinkMode.Idempotent, seed);
        }

        return runs;
    }

    /// <summary>
    /// Random crashes in records, right after PREPARE TRANSACTION, right before and after COMMIT PREPARED, and during
    /// the restore (after the restored checkpoint's transactions were committed, before the others are rolled back):
    /// the table ends with exactly the rows of a run without failure, none lost, none twice, no prepared transaction left.
    /// </summary>
    [Theory]
    [MemberData(nameof(CrashRuns))]
    public void CrashedAtRandomPointsTheTableHoldsExactlyTheRowsOfARunWithoutFailure(PostgreSqlSinkMode mode, int seed)
    {
        var random = new Random(seed);
        var crashes = Crashes.Random(seed, count: 2, from: 20, to: Records + 20);
        var faults = new FaultPlan()
            .At("prepared", random.Next(2, 12))
            .At("commit", random.Next(2, 12))
            .At("committed", random.Next(2, 12))
            .At("recover", random.Next(2, 4));
        var table = NewTable(services.Postgres);
        var output = Run(services.Postgres, table, mode, crashes, faults, out var statistics);

        output.AssertCompleted();
        Assert.True(crashes.Crashed + faults.Injected >= 3, $"only {crashes.Crashed} record crashes and faults {faults}");
        Assert.Equal(crashes.Crashed + faults.Injected, statistics.Restarts);
        Assert.Equal(ExpectedRows, Rows(services.Postgres, table));
        Assert.Equal(0L, PreparedTransactions(services.Postgres, table));
        if (mode == PostgreSqlSinkMode.Idempotent)
        {
            Assert.Equal(0L, services.Postgres.Scalar<long>($"SELECT count(*) FROM {table}_rxstreams_staging"));
        }
    }

    [Fact]
    public void TheDatabaseStoppedMidRunFailsTheJobAsUnavailableAndAJobResumedAfterItComesBackWritesEveryRowOnce()
    {
        var table = NewTable(services.Postgres);
        var storage = new InMemoryCheckpointStorage();
        var stopped = false;
        var stopAt = new Crashes([]);
        JobOutput<Keyed<string, long>> first;
        try
        {
            first = Run(services.Postgres, table, PostgreSqlSinkMode.TwoPhaseCommit, stopAt, new FaultPlan(), out _, storage, RestartStrategy.None, onRecord: n =>
            {
                if (n == 120 && !stopped)
                {
                    stopped = true;
                    services.Postgres.Stop();
                }
            });
        }
        finally
        {
            if (stopped)
            {
                services.Postgres.StartProcess();
            }
        }

        Assert.True(stopped);
        var error = Assert.IsType<SinkUnavailableException>(RedisStreamSourceTest.Unwrap(first.Error));
        Assert.Equal("clicks-sink", error.Uid);
        Assert.Contains($"the PostgreSQL server at 127.0.0.1:{services.Postgres.Port}/postgres is unavailable", error.Message, StringComparison.Ordinal);
        Assert.True(Rows(services.Postgres, table).Count < ExpectedRows.Count);

        var resumed = Run(services.Postgres, table, PostgreSqlSinkMode.TwoPhaseCommit, new Crashes([]), new FaultPlan(), out var statistics, storage);
        resumed.AssertCompleted();
        Assert.True(statistics.RestoredFromId > 0, statistics.ToString());
        Assert.Equal(ExpectedRows, Rows(services.Postgres, table));
        Assert.Equal(0L, PreparedTransactions(services.Postgres, table));
    }

    [Theory]
    [InlineData("user_id text NOT NULL, total bigint", "it has no column \"count\"")]
    [InlineData("user_id text NOT NULL, count integer NOT NULL, at bigint", "column \"count\" is integer, but the sink writes int8")]
    [InlineData("user_id text, count bigint, at bigint, region text NOT NULL", "column \"region\" is NOT NULL without a default, and the sink does not write it")]
    public void ATableWithTheWrongSchemaFailsAtStartNamingWhatDoesNotFit(string columns, string problem)
    {
        var table = "wrong_" + Guid.NewGuid().ToString("N")[..12];
        services.Postgres.Execute($"CREATE TABLE {table} ({columns})");
        var output = Run(services.Postgres, table, PostgreSqlSinkMode.TwoPhaseCommit, new Crashes([]), new FaultPlan(), out var statistics, restarts: RestartStrategy.None);

        var error = Assert.IsType<SinkException>(RedisStreamSourceTest.Unwrap(output.Error));
        Assert.StartsWith($"Sink 'clicks' (uid 'clicks-sink', subtask 0 of 1): table {table} does not fit the sink: {problem}.", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, statistics.Completed);
    }

    [Theory]
    [InlineData(PostgreSqlSinkMode.TwoPhaseCommit, "writing 5 rows into {0} failed: 23502: null value in column \"user_id\" of relation \"{0}\" violates not-null constraint")]
    [InlineData(PostgreSqlSinkMode.Idempotent, "staging 5 rows in {0}_rxstreams_staging failed: 23502: null value in column \"user_id\" of relation \"{0}_rxstreams_staging\" violates not-null constraint")]
    public void ARowTheTableRefusesFailsTheJobWithATypedErrorThatIsNotUnavailable(PostgreSqlSinkMode mode, string message)
    {
        var table = NewTable(services.Postgres);
        var sink = new PostgreSqlSink<Keyed<string, long>>(
            services.Postgres.ConnectionString,
            new PostgreSqlTable<Keyed<string, long>>(table).Column("user_id", k => k.Value == 3 ? null : k.Key, NpgsqlDbType.Text).Column("count", k => k.Value, NpgsqlDbType.Bigint),
            mode,
            "clicks",
            new SinkOptions { BatchSize = 5, BatchLatency = TimeSpan.Zero });
        var scheduler = new TestScheduler();
        var job = StreamJob.Create(
            () => ReplayableSource.FromList(Clicks, "clicks").WithEventTime(c => c.Time, WatermarkStrategy.ForMonotonousTimestamps())
                .KeyBy(c => c.User).Count().Uid("counts").SinkTo(sink).Uid("clicks-sink"),
            new CheckpointOptions { Scheduler = scheduler, AsynchronousSnapshots = false, RestartStrategy = RestartStrategy.None });
        var output = new JobOutput<Keyed<string, long>>();
        using (job.Subscribe(output))
        {
            scheduler.Start();
        }

        var error = Assert.IsType<SinkException>(RedisStreamSourceTest.Unwrap(output.Error));
        Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, message, table), error.Message, StringComparison.Ordinal);
        Assert.Empty(Rows(services.Postgres, table));
    }

    /// <summary>
    /// A checkpoint completes, its commit crashes, and the prepared transaction is rolled back by hand before the
    /// restore: the restore cannot commit it and says its rows are lost, instead of taking "not found" for "committed".
    /// </summary>
    [Fact]
    public void APreparedTransactionRolledBackBeforeItsCommitIsReportedAsLostNotTakenForCommitted()
    {
        var table = NewTable(services.Postgres);
        var faults = new FaultPlan { OnHit = _ => RollBackPrepared(services.Postgres) }.At("commit", 3);
        var output = Run(services.Postgres, table, PostgreSqlSinkMode.TwoPhaseCommit, new Crashes([]), faults, out var statistics, restarts: RestartStrategy.FixedDelay(2, TimeSpan.FromMilliseconds(3)));

        Assert.Equal(1, faults.Injected);
        var error = Assert.IsType<SinkException>(RedisStreamSourceTest.Unwrap(output.Error));
        Assert.Matches(
            "^Sink 'clicks' \\(uid 'clicks-sink', subtask 0 of 1\\): prepared transaction 'clicks-sink\\.0\\.[0-9a-f]{32}-c3' of checkpoint 3 was rolled back, not committed: its rows are lost",
            error.Message);
        Assert.Equal(2, statistics.Restarts);
    }

    private static void RollBackPrepared(PostgresServer server)
    {
        using var connection = server.Open();
        var gids = new List<string>();
        using (var query = new NpgsqlCommand("SELECT gid FROM pg_prepared_xacts WHERE starts_with(gid, 'clicks-sink.')", connection))
        using (var reader = query.ExecuteReader())
        {
            while (reader.Read())
            {
                gids.Add(reader.GetString(0));
            }
        }

        foreach (var gid in gids)
        {
            using var rollback = new NpgsqlCommand($"ROLLBACK PREPARED '{gid}'", connection);
            rollback.ExecuteNonQuery();
        }
    }

    [Fact]
    public void AMissingTableFailsAtStartNamingIt()
    {
        var output = Run(services.Postgres, "no_such_table", PostgreSqlSinkMode.Idempotent, new Crashes([]), new FaultPlan(), out _, restarts: RestartStrategy.None);
        var error = Assert.IsType<SinkException>(RedisStreamSourceTest.Unwrap(output.Error));
        Assert.Equal("Sink 'clicks' (uid 'clicks-sink', subtask 0 of 1): table no_such_table does not exist in database 'postgres' (create it before the job starts).", error.Message);
    }

    [Fact]
    public void AServerWithPreparedTransactionsOffIsRefusedNamingTheSettingAndTheIdempotentModeWorksThere()
    {
        var server = services.PostgresWithout2Pc;
        var table = NewTable(server);
        var output = Run(server, table, PostgreSqlSinkMode.TwoPhaseCommit, new Crashes([]), new FaultPlan(), out _, restarts: RestartStrategy.None);
        var error = Assert.IsType<SinkException>(RedisStreamSourceTest.Unwrap(output.Error));
        Assert.Contains($"the PostgreSQL server at 127.0.0.1:{server.Port}/postgres has max_prepared_transactions = 0, so it refuses PREPARE TRANSACTION", error.Message, StringComparison.Ordinal);
        Assert.Contains("set max_prepared_transactions in postgresql.conf", error.Message, StringComparison.Ordinal);

        var crashes = Crashes.Random(7, count: 3, from: 20, to: Records);
        var idempotent = Run(server, table, PostgreSqlSinkMode.Idempotent, crashes, new FaultPlan().At("commit", 3), out var statistics);
        idempotent.AssertCompleted();
        Assert.Equal(4, statistics.Restarts);
        Assert.Equal(ExpectedRows, Rows(server, table));
    }

    [Fact]
    public void OutsideAJobEachBatchIsCommittedAsItIsWritten()
    {
        var table = NewTable(services.Postgres);
        var sink = new PostgreSqlSink<Keyed<string, long>>(services.Postgres.ConnectionString, Columns(table), name: "clicks", options: new SinkOptions { BatchSize = 7, BatchLatency = TimeSpan.Zero });
        var output = new JobOutput<Keyed<string, long>>();
        using (ReplayableSource.FromList(Clicks, "clicks")
            .WithEventTime(c => c.Time, WatermarkStrategy.ForMonotonousTimestamps())
            .KeyBy(c => c.User)
            .Count()
            .SinkTo(sink)
            .Subscribe(output))
        {
        }

        output.AssertCompleted();
        Assert.Equal(ExpectedRows, Rows(services.Postgres, table));
        Assert.Equal(0L, PreparedTransactions(services.Postgres, table));
    }

    [Fact]
    public void BadArgumentsAreRefusedNamingThem()
    {
        Assert.Equal("table", Assert.Throws<ArgumentException>(() => new PostgreSqlSink<Click>("Host=x", new PostgreSqlTable<Click>("t"))).ParamName);
        Assert.Equal("connectionString", Assert.Throws<ArgumentException>(() => new PostgreSqlSink<Click>(" ", new PostgreSqlTable<Click>("t").Column("a", c => c.User, NpgsqlDbType.Text))).ParamName);
        var twice = Assert.Throws<ArgumentException>(() => new PostgreSqlTable<Click>("t").Column("a", c => c.User, NpgsqlDbType.Text).Column("a", c => c.Time, NpgsqlDbType.Bigint));
        Assert.StartsWith("Column 'a' of table t is given twice.", twice.Message, StringComparison.Ordinal);
    }

    internal static PostgreSqlTable<Keyed<string, long>> Columns(string table) =>
        new PostgreSqlTable<Keyed<string, long>>(table)
            .Column("user_id", k => k.Key, NpgsqlDbType.Text)
            .Column("count", k => k.Value, NpgsqlDbType.Bigint);

    private static JobOutput<Keyed<string, long>> Run(
        PostgresServer server,
        string table,
        PostgreSqlSinkMode mode,
        Crashes crashes,
        FaultPlan faults,
        out CheckpointStatistics statistics,
        InMemoryCheckpointStorage? storage = null,
        RestartStrategy? restarts = null,
        Action<int>? onRecord = null)
    {
        var sink = new PostgreSqlSink<Keyed<string, long>>(server.ConnectionString, Columns(table), mode, "clicks", new SinkOptions { BatchSize = 16, BatchLatency = TimeSpan.Zero })
        {
            Faults = faults.Reached,
        };
        var seen = 0;
        var scheduler = new TestScheduler();
        var job = StreamJob.Create(
            () => ReplayableSource.FromList(Clicks, "clicks", OneRecordPerMs)
                .WithEventTime(c => c.Time, WatermarkStrategy.ForMonotonousTimestamps())
                .Where(_ =>
                {
                    onRecord?.Invoke(++seen);
                    return crashes.Record();
                })
                .KeyBy(c => c.User)
                .Count()
                .Uid("counts")
                .SinkTo(sink)
                .Uid("clicks-sink"),
            new CheckpointOptions
            {
                Scheduler = scheduler,
                Interval = TimeSpan.FromMilliseconds(10),
                Storage = storage ?? new InMemoryCheckpointStorage(),
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

    internal static string NewTable(PostgresServer server)
    {
        var table = "counts_" + Guid.NewGuid().ToString("N")[..12];
        server.Execute($"CREATE TABLE {table} (user_id text NOT NULL, count bigint NOT NULL, at timestamptz DEFAULT now())");
        return table;
    }

    internal static List<string> Rows(PostgresServer server, string table)
    {
        using var connection = server.Open();
        using var command = new NpgsqlCommand($"SELECT user_id, count FROM {table} ORDER BY user_id, count", connection);
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add($"{reader.GetString(0)} {reader.GetInt64(1)}");
        }

        return rows;
    }

    private static long PreparedTransactions(PostgresServer server, string table) =>
        server.Scalar<long>("SELECT count(*) FROM pg_prepared_xacts WHERE starts_with(gid, 'clicks-sink.')");
}
