using System.IO;
using System.Reactive.Subjects;
using CsCheck;
using Microsoft.Data.Sqlite;
using RxStreams.Sinks;
using RxStreams.Sqlite;
using RxStreams.Tests.Sinks;

namespace RxStreams.Tests.Connectors.Sqlite;

/// <summary>
/// The SQLite sink: exact rows, the checkpoint id committed with them, a table of the wrong shape or a database that
/// is missing or locked refused with a clear error, and random crashes in a job that leave exactly the rows of a run
/// without failure.
/// </summary>
[Collection("ParallelTaskThreads")]
public sealed class SqliteSinkTest : IDisposable
{
    // In memory where the machine has it: the sink's logic is under test here, not the disk's fsync latency.
    private readonly string _root = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), "rxstreams-sqlite-" + Guid.NewGuid().ToString("N"));

    public SqliteSinkTest() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    internal readonly record struct Reading(string Sensor, double Value, long Time);

    private static readonly SqliteColumn<Reading>[] ReadingColumns =
    [
        new("sensor", "TEXT", r => r.Sensor),
        new("value", "REAL", r => r.Value),
        new("time", "INTEGER", r => r.Time),
    ];

    private static readonly SqliteColumn<string>[] ValueColumn = [new("value", "TEXT", v => v)];

    [Fact]
    public void RowsAreWrittenIntoACreatedTableOutsideAJob()
    {
        var db = Db("plain");
        var output = Write(new SqliteSink<Reading>(db, "readings", ReadingColumns, options: new SinkOptions { BatchSize = 2 }), new Reading("a", 1.5, 1), new Reading("b", -2, 2), new Reading("c", 0, 3));

        Assert.True(output.Completed, output.Error?.ToString());
        Assert.Equal(["a|1.5|1", "b|-2|2", "c|0|3"], Rows(db, "SELECT sensor, value, time FROM readings ORDER BY rowid"));
        Assert.Equal(["0"], Rows(db, "SELECT COUNT(*) FROM rxstreams_staging_readings"));
        Assert.Equal(["SqliteSink|0|committed|2"], Rows(db, "SELECT sink, checkpoint, state, COUNT(*) FROM rxstreams_sink_transactions GROUP BY sink, checkpoint, state"));
    }

    [Fact]
    public void InAJobTheRowsOfACheckpointAndItsIdAreCommittedTogether()
    {
        var db = Db("job");
        var (completed, error, _) = SinkJobs.Run(Enumerable.Range(0, 30).ToArray(), SinkCrashPlan.None, new SqliteSink<string>(db, "results", ValueColumn, options: new SinkOptions { BatchSize = 4 }));

        Assert.True(completed, error?.ToString());
        Assert.Equal(Enumerable.Range(0, 30).Select(i => "r" + i), Rows(db, "SELECT value FROM results ORDER BY rowid"));

        // Checkpoints every 7 ms of one record per ms: 5 of them, and the final one after the input ended.
        Assert.Equal(["1", "2", "3", "4", "5"], Rows(db, "SELECT checkpoint FROM rxstreams_sink_transactions WHERE sink = 'out' AND state = 'committed' ORDER BY checkpoint").Take(5));
        Assert.Equal(["0"], Rows(db, "SELECT COUNT(*) FROM rxstreams_staging_results"));
    }

    [Fact]
    public void ATableWithTheWrongColumnsFailsAtStartNamingThem()
    {
        var db = Db("schema");
        Execute(db, "CREATE TABLE readings (sensor TEXT, value TEXT, extra INTEGER NOT NULL)");

        var output = Write(new SqliteSink<Reading>(db, "readings", ReadingColumns), new Reading("a", 1, 1));

        var error = Assert.IsType<SinkException>(output.Error);
        Assert.Equal(
            $"Sink 'SqliteSink' (uid 'SqliteSink', subtask 0 of 1): the table 'readings' in '{Path.Combine(_root, "schema.db")}' does not match the sink: " +
            "column 'value' is TEXT in the table, REAL in the sink; column 'time' is missing; column 'extra' is NOT NULL without a default, and the sink does not write it. " +
            "The table has: sensor TEXT, value TEXT, extra INTEGER. The sink writes: \"sensor\" TEXT, \"value\" REAL, \"time\" INTEGER.",
            error.Message);
        Assert.Equal(["0"], Rows(db, "SELECT COUNT(*) FROM readings"));
    }

    [Fact]
    public void AMissingTableFailsWhenTheSinkMayNotCreateIt()
    {
        var db = Db("missing-table");
        var output = Write(new SqliteSink<Reading>(db, "readings", ReadingColumns, new SqliteSinkOptions { CreateTable = false }), new Reading("a", 1, 1));

        var error = Assert.IsType<SinkException>(output.Error);
        Assert.EndsWith("the table 'readings' does not exist in '" + Path.Combine(_root, "missing-table.db") + "' (CreateTable is off). The sink writes: \"sensor\" TEXT, \"value\" REAL, \"time\" INTEGER.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingDatabaseFailsWithSinkUnavailable()
    {
        var output = Write(new SqliteSink<Reading>($"Data Source={Path.Combine(_root, "nowhere.db")};Mode=ReadWrite", "readings", ReadingColumns), new Reading("a", 1, 1));

        var error = Assert.IsType<SinkUnavailableException>(output.Error);
        Assert.Contains("opening table 'readings' in the SQLite database", error.Message, StringComparison.Ordinal);
        Assert.Contains("unable to open database file", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_root, "nowhere.db")));
    }

    [Fact]
    public void ALockedDatabaseFailsTheWriteWithSinkUnavailable()
    {
        var db = Db("locked");
        Execute(db, "CREATE TABLE results (value TEXT)");
        var input = new Subject<StreamElement<string>>();
        var output = new Collector<StreamElement<string>>();
        input.SinkTo(new SqliteSink<string>(db, "results", ValueColumn, new SqliteSinkOptions { BusyTimeout = TimeSpan.FromMilliseconds(20) }, new SinkOptions { BatchSize = 1 })).Subscribe(output);

        using (var holder = new SqliteConnection(db))
        {
            holder.Open();
            using var exclusive = holder.CreateCommand();
            exclusive.CommandText = "BEGIN EXCLUSIVE";
            exclusive.ExecuteNonQuery();
            input.OnNext(StreamElement.Record("a", 1));
        }

        var error = Assert.IsType<SinkUnavailableException>(output.Error);
        Assert.Contains("staging 1 rows in the SQLite database", error.Message, StringComparison.Ordinal);
        Assert.Contains("database is locked", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadArgumentsAreRefused()
    {
        Assert.Throws<ArgumentException>("columns", () => new SqliteSink<string>("Data Source=x.db", "t", []));
        Assert.Throws<ArgumentException>("columns", () => new SqliteSink<string>("Data Source=x.db", "t", [new("a", "TEXT", v => v), new("A", "TEXT", v => v)]));
        Assert.Throws<ArgumentException>("sqlite", () => new SqliteSink<string>("Data Source=x.db", "t", ValueColumn, new SqliteSinkOptions { Guarantee = SinkGuarantee.None }));
        Assert.Throws<ArgumentException>("type", () => new SqliteColumn<string>("a", " ", v => v));
    }

    [Fact]
    public void RandomCrashesLeaveExactlyTheRowsOfARunWithoutFailure()
    {
        var crashes = 0;
        var run = 0;
        Gen.Select(Gen.Int[1, 100], Gen.Int[1, 120].Array[0, 2], Gen.Int[2, 4].Array[0, 1], Gen.Int[1, 10].Array[0, 2], Gen.Long[1, 12].Array[0, 2], Gen.Long[1, 12].Array[0, 1], Gen.Int[1, 6])
            .Select(Gen.Bool, (sample, keyed) => (sample, keyed))
            .Sample(
                sample =>
                {
                    var ((count, records, opens, commits, lost, unannounced, batch), keyed) = sample;
                    var input = Enumerable.Range(0, count).ToArray();
                    var expected = Db("expected" + run);
                    var actual = Db("actual" + run++);
                    Assert.True(SinkJobs.Run(input, SinkCrashPlan.None, new SqliteSink<string>(expected, "results", ValueColumn, options: new SinkOptions { BatchSize = batch }), keyed).Completed);

                    var plan = new SinkCrashPlan(records, opens, commits, lost, unannounced);
                    var (completed, error, restarts) = SinkJobs.Run(input, plan, new SqliteSink<string>(actual, "results", ValueColumn, options: new SinkOptions { BatchSize = batch }), keyed);
                    crashes += plan.Injected;

                    Assert.True(completed, error?.ToString());
                    Assert.Equal(plan.Crashes, restarts);
                    Assert.Equal(Rows(expected, "SELECT value FROM results ORDER BY rowid"), Rows(actual, "SELECT value FROM results ORDER BY rowid"));
                    Assert.Equal(["0"], Rows(actual, "SELECT COUNT(*) FROM rxstreams_staging_results"));
                    Assert.Equal(["0"], Rows(actual, "SELECT COUNT(*) FROM rxstreams_sink_transactions WHERE state = 'prepared'"));
                },
                iter: 100,
                threads: 1,
                seed: "0N0XIzNsQ0O3");
        Assert.True(crashes >= 100, $"only {crashes} crash points were exercised");
    }

    [Fact]
    public void ParallelWritersShareTheDatabaseAndACrashInOneTaskLosesAndRepeatsNothing()
    {
        var db = Db("parallel");
        var sink = new SqliteSink<string>(db, "results", ValueColumn, options: new SinkOptions { BatchSize = 3 });
        var (completed, error, restarts) = SinkJobs.Run(Enumerable.Range(0, 80).ToArray(), new SinkCrashPlan([30, 61], [], [], [], [4]), sink, keyed: true, parallelism: 3);

        Assert.True(completed, error?.ToString());
        Assert.InRange(restarts, 1, 3);
        var expected = Db("parallel-expected");
        Assert.True(SinkJobs.Run(Enumerable.Range(0, 80).ToArray(), SinkCrashPlan.None, new SqliteSink<string>(expected, "results", ValueColumn), keyed: true).Completed);
        Assert.Equal(Rows(expected, "SELECT value FROM results ORDER BY value"), Rows(db, "SELECT value FROM results ORDER BY value"));
        Assert.Equal(["0|1", "1|1"], Rows(db, "SELECT subtask, COUNT(DISTINCT sink) FROM rxstreams_sink_transactions WHERE state = 'committed' GROUP BY subtask ORDER BY subtask"));
    }

    [Fact]
    public void AtLeastOnceInsertsEachBatchAndARestartRepeatsButLosesNothing()
    {
        var db = Db("at-least-once");
        var sink = new SqliteSink<string>(db, "results", ValueColumn, new SqliteSinkOptions { Guarantee = SinkGuarantee.AtLeastOnce }, new SinkOptions { BatchSize = 1 });
        var (completed, error, restarts) = SinkJobs.Run(Enumerable.Range(0, 50).ToArray(), new SinkCrashPlan([33], [], [], [], []), sink);

        Assert.True(completed, error?.ToString());
        Assert.Equal(1, restarts);
        var rows = Rows(db, "SELECT value FROM results ORDER BY rowid");
        Assert.Equal(Enumerable.Range(0, 50).Select(i => "r" + i), rows.Distinct());
        Assert.True(rows.Count > 50, "the restart inserted the rows after the checkpoint again");
    }

    private string Db(string name) => $"Data Source={Path.Combine(_root, name + ".db")}";

    private static List<string> Rows(string db, string sql)
    {
        using var connection = new SqliteConnection(db);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    private static void Execute(string db, string sql)
    {
        using var connection = new SqliteConnection(db);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static Collector<StreamElement<T>> Write<T>(Sink<T> sink, params T[] records)
    {
        var input = new Subject<StreamElement<T>>();
        var output = new Collector<StreamElement<T>>();
        input.SinkTo(sink).Subscribe(output);
        for (var i = 0; i < records.Length; i++)
        {
            input.OnNext(StreamElement.Record(records[i], i));
        }

        input.OnCompleted();
        return output;
    }
}
