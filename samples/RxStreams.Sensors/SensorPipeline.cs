using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using NpgsqlTypes;
using RxStreams;
using RxStreams.PostgreSql;
using RxStreams.Sinks;
using RxStreams.Sqlite;

namespace RxStreams.Sensors;

/// <summary>A sensor reading, as a line of the CSV: <c>sensor,time_ms,value</c>.</summary>
public readonly record struct Reading(string Sensor, long Time, double Value);

/// <summary>One window's summary of a sensor: how many readings, their maximum and mean.</summary>
public readonly record struct Summary(string Sensor, long WindowStart, long WindowEnd, long Readings, double Max, double Mean, int Firing);

/// <summary>
/// The sample's pipeline: readings from a CSV file (bad lines to dead letters), 10 s tumbling event-time windows per
/// sensor with 5 s of allowed lateness, each firing written to SQLite or PostgreSQL with end-to-end exactly-once.
/// </summary>
public static class SensorPipeline
{
    /// <summary>The window length.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    /// <summary>Builds the pipeline; <paramref name="failOnce"/> throws once, at the reading with that index, to show a recovery.</summary>
    /// <param name="csv">The readings file.</param>
    /// <param name="sink">Where the summaries go.</param>
    /// <param name="badLines">Where malformed lines go.</param>
    /// <param name="failOnce">Called per reading; a throw fails the job (a test of recovery).</param>
    /// <param name="pace">A pause after every 20 readings, to slow the run down (zero reads as fast as it can).</param>
    public static IObservable<StreamElement<Summary>> Build(string csv, Sink<Summary> sink, DeadLetters badLines, Func<Reading, bool> failOnce, TimeSpan pace = default) =>
        FileSource.Csv(
                csv,
                row => new Reading(row.GetString(0), row.GetInt64(1), row.GetDouble(2)),
                new CsvOptions { HasHeader = true, FieldCount = 3, DeadLetters = badLines, Reading = new SourceOptions { RecordsPerStep = 20, Pace = pace } })
            .WithEventTime(r => r.Time, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromSeconds(2)))
            .Where(failOnce)
            .KeyBy(r => r.Sensor)
            .Window(TumblingEventTimeWindows.Of(Window))
            .AllowedLateness(TimeSpan.FromSeconds(5))
            .Aggregate(new Stats())
            .Uid("windows")
            .Select(w => new Summary(w.Key, w.Window.Start, w.Window.End, w.Value.Count, w.Value.Max, w.Value.Sum / w.Value.Count, w.FiringIndex))
            .SinkTo(sink)
            .Uid("results");

    /// <summary>The embedded default: a SQLite database file, results and the sink's checkpoint bookkeeping in one transaction.</summary>
    public static Sink<Summary> Sqlite(string path) => new SqliteSink<Summary>(
        $"Data Source={path}",
        "window_summaries",
        [
            new("sensor", "TEXT", s => s.Sensor),
            new("window_start", "INTEGER", s => s.WindowStart),
            new("window_end", "INTEGER", s => s.WindowEnd),
            new("firing", "INTEGER", s => s.Firing),
            new("readings", "INTEGER", s => s.Readings),
            new("max", "REAL", s => s.Max),
            new("mean", "REAL", s => s.Mean),
        ]);

    /// <summary>JSON lines part files in <paramref name="directory"/>, committed by rename when a checkpoint completes.</summary>
    public static Sink<Summary> Files(string directory) => new FileSink<Summary>(directory, FileFormats.JsonLines<Summary>());

    /// <summary>PostgreSQL with two-phase commit: <c>PREPARE TRANSACTION</c> at each checkpoint barrier, <c>COMMIT PREPARED</c> when it completes.</summary>
    public static Sink<Summary> PostgreSql(string connectionString) => new PostgreSqlSink<Summary>(
        connectionString,
        new PostgreSqlTable<Summary>("window_summaries")
            .Column("sensor", s => s.Sensor, NpgsqlDbType.Text)
            .Column("window_start", s => s.WindowStart, NpgsqlDbType.Bigint)
            .Column("window_end", s => s.WindowEnd, NpgsqlDbType.Bigint)
            .Column("firing", s => s.Firing, NpgsqlDbType.Integer)
            .Column("readings", s => s.Readings, NpgsqlDbType.Bigint)
            .Column("max", s => s.Max, NpgsqlDbType.Double)
            .Column("mean", s => s.Mean, NpgsqlDbType.Double));

    /// <summary>Creates the PostgreSQL table when it is missing (the sink checks its schema at start, and does not create it).</summary>
    public static void CreatePostgreSqlTable(string connectionString)
    {
        using var connection = new Npgsql.NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand(
            "CREATE TABLE IF NOT EXISTS window_summaries (sensor text NOT NULL, window_start bigint NOT NULL, window_end bigint NOT NULL, " +
            "firing integer NOT NULL, readings bigint NOT NULL, max double precision NOT NULL, mean double precision NOT NULL)",
            connection);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Writes <paramref name="count"/> readings of 5 sensors, one every 50 ms, up to 3 s out of order (some beyond the
    /// bound, so late firings happen), and one malformed line, as the sample's input.
    /// </summary>
    public static void WriteReadings(string path, int count)
    {
        var random = new Random(2026);
        var text = new StringBuilder("sensor,time_ms,value\n");
        for (var i = 0; i < count; i++)
        {
            var time = Math.Max(0, (i * 50L) - random.Next(i % 97 == 0 ? 6000 : 3000));
            text.Append(CultureInfo.InvariantCulture, $"sensor-{random.Next(5)},{time},{20 + (random.NextDouble() * 10):F2}\n");
            if (i == count / 2)
            {
                text.Append("sensor-3,not-a-time,21.5\n");
            }
        }

        File.WriteAllText(path, text.ToString());
    }

    /// <summary>Accumulates count, maximum and sum.</summary>
    private sealed class Stats : IAggregateFunction<Reading, (long Count, double Max, double Sum), (long Count, double Max, double Sum)>
    {
        public (long Count, double Max, double Sum) CreateAccumulator() => (0, double.MinValue, 0);

        public void Add(ref (long Count, double Max, double Sum) accumulator, Reading value) =>
            accumulator = (accumulator.Count + 1, Math.Max(accumulator.Max, value.Value), accumulator.Sum + value.Value);

        public (long Count, double Max, double Sum) GetResult(in (long Count, double Max, double Sum) accumulator) => accumulator;

        public (long Count, double Max, double Sum) Merge((long Count, double Max, double Sum) a, (long Count, double Max, double Sum) b) =>
            (a.Count + b.Count, Math.Max(a.Max, b.Max), a.Sum + b.Sum);
    }
}
