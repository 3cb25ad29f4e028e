// PostgreSQL sink bench: rows/s of the exactly-once sink (two-phase commit, idempotent staging) in a checkpointed job
// against plain binary COPY with autocommit, and the end-to-end latency (record made → row visible to a reader) that
// the 2PC commit adds at a 1 s checkpoint interval. Starts its own PostgreSQL 15 (as the tests do) unless given
// --connection "Host=…". Usage: dotnet run -c Release --project bench/RxStreams.Services.Bench [-- --rows N --rate R --seconds S]
using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using RxStreams;
using RxStreams.Checkpoints;
using RxStreams.PostgreSql;
using RxStreams.Services.Tests.Services;
using RxStreams.Sinks;

var rows = Option("--rows", 1_000_000);
var rate = Option("--rate", 5_000);
var seconds = Option("--seconds", 20);
var given = OptionText("--connection");
string? root = null;
PostgresServer? server = null;
if (given is null)
{
    root = Directory.CreateTempSubdirectory("rxstreams-bench-").FullName;
    File.SetUnixFileMode(root, (UnixFileMode)0b111_111_111);
    server = PostgresServer.Start(root, "pg", maxPreparedTransactions: 20, durable: true);
}

var connection = given ?? server!.ConnectionString.Replace("Pooling=false", "Pooling=true", StringComparison.Ordinal);
try
{
    using (var c = Open(connection))
    {
        Console.WriteLine($"PostgreSQL {c.PostgreSqlVersion}, fsync={Scalar(c, "SHOW fsync")}, synchronous_commit={Scalar(c, "SHOW synchronous_commit")}; .NET {Environment.Version}, {Environment.ProcessorCount} cores");
    }

    var data = Enumerable.Range(0, rows).Select(i => new Row("sensor-" + (i % 1000).ToString(CultureInfo.InvariantCulture), i, 0)).ToArray();
    Console.WriteLine($"\nThroughput, {rows:N0} rows (text, bigint, bigint), batches of 1,000, best of 3:");
    Report("plain binary COPY, autocommit per batch (no job)", Best(() => PlainCopy(connection, data)), rows);
    Report("job → PostgreSqlSink, two-phase commit, checkpoint 1 s", Best(() => Job(connection, data, PostgreSqlSinkMode.TwoPhaseCommit)), rows);
    Report("job → PostgreSqlSink, idempotent staging, checkpoint 1 s", Best(() => Job(connection, data, PostgreSqlSinkMode.Idempotent)), rows);

    Console.WriteLine($"\nLatency, {rate:N0} rows/s for {seconds} s, record made → row visible to a reader polling every 2 ms (ms):");
    Latency("plain COPY, autocommit per 100 ms batch", connection, rate, seconds, null);
    Latency("job → PostgreSqlSink 2PC, checkpoint 1 s", connection, rate, seconds, PostgreSqlSinkMode.TwoPhaseCommit);
}
finally
{
    server?.Dispose();
    if (root is not null)
    {
        Directory.Delete(root, recursive: true);
    }
}

static TimeSpan Best(Func<TimeSpan> run) => Enumerable.Range(0, 3).Select(_ => run()).Min();

static void Report(string name, TimeSpan time, int rows) =>
    Console.WriteLine($"  {name,-58} {rows / time.TotalSeconds / 1000,8:N0} K rows/s ({time.TotalSeconds:N2} s)");

static TimeSpan PlainCopy(string connectionString, Row[] data)
{
    var table = NewTable(connectionString);
    using var c = Open(connectionString);
    var watch = Stopwatch.StartNew();
    for (var start = 0; start < data.Length; start += 1000)
    {
        using var importer = c.BeginBinaryImport($"COPY {table} (sensor, seq, made) FROM STDIN (FORMAT BINARY)");
        foreach (var row in data.AsSpan(start, Math.Min(1000, data.Length - start)))
        {
            importer.StartRow();
            importer.Write(row.Sensor, NpgsqlDbType.Text);
            importer.Write(row.Seq, NpgsqlDbType.Bigint);
            importer.Write(row.Made, NpgsqlDbType.Bigint);
        }

        importer.Complete();
    }

    var time = watch.Elapsed;
    Check(connectionString, table, data.Length);
    return time;
}

static TimeSpan Job(string connectionString, Row[] data, PostgreSqlSinkMode mode)
{
    var table = NewTable(connectionString);
    var sink = new PostgreSqlSink<Row>(connectionString, Columns(table), mode, "bench", new SinkOptions { BatchSize = 1000 });
    var job = StreamJob.Create(
        () => ReplayableSource.FromList(data, "rows", new SourceOptions { RecordsPerStep = 4096 })
            .WithEventTime(r => r.Seq, WatermarkStrategy.ForMonotonousTimestamps())
            .SinkTo(sink)
            .Uid("bench-sink-" + table),
        new CheckpointOptions { Interval = TimeSpan.FromSeconds(1) });
    var watch = Stopwatch.StartNew();
    Wait(job);
    var time = watch.Elapsed;
    Check(connectionString, table, data.Length);
    return time;
}

static void Latency(string name, string connectionString, int rate, int seconds, PostgreSqlSinkMode? mode)
{
    var table = NewTable(connectionString);
    var total = rate * seconds;
    var visible = new long[total];
    using var stop = new CancellationTokenSource();
    var poller = Task.Run(() => Poll(connectionString, table, visible, stop.Token));
    const int PerStep = 10;
    var pace = TimeSpan.FromSeconds(PerStep / (double)rate);
    var source = Enumerable.Range(0, total).Select(i => new Row("s" + (i % 100).ToString(CultureInfo.InvariantCulture), i, 0)).ToArray();
    if (mode is { } m)
    {
        var sink = new PostgreSqlSink<Row>(connectionString, Columns(table), m, "latency", new SinkOptions { BatchSize = 1000, BatchLatency = TimeSpan.FromMilliseconds(100) });
        Wait(StreamJob.Create(
            () => ReplayableSource.FromList(source, "rows", new SourceOptions { RecordsPerStep = PerStep, Pace = pace })
                .WithEventTime(r => r.Seq, WatermarkStrategy.ForMonotonousTimestamps())
                .Select(r => r with { Made = Now() })
                .SinkTo(sink)
                .Uid("latency-sink-" + table),
            new CheckpointOptions { Interval = TimeSpan.FromSeconds(1) }));
    }
    else
    {
        // The same pacing and batching without a job: rows made at the rate, written every 100 ms with autocommit.
        using var c = Open(connectionString);
        var batch = new List<Row>();
        var next = Stopwatch.StartNew();
        var lastWrite = Now();
        for (var i = 0; i < total; i++)
        {
            while (next.Elapsed < pace * (i / PerStep))
            {
                Thread.Sleep(1);
            }

            batch.Add(source[i] with { Made = Now() });
            if (batch.Count == 1000 || Now() - lastWrite >= 100)
            {
                Copy(c, table, batch);
                batch.Clear();
                lastWrite = Now();
            }
        }

        Copy(c, table, batch);
    }

    Thread.Sleep(50);
    stop.Cancel();
    poller.Wait();
    var latencies = new List<long>(total);
    using (var c = Open(connectionString))
    using (var command = new NpgsqlCommand($"SELECT seq, made FROM {table}", c))
    using (var reader = command.ExecuteReader())
    {
        while (reader.Read())
        {
            var seq = reader.GetInt64(0);
            latencies.Add(visible[seq] - reader.GetInt64(1));
        }
    }

    latencies.Sort();
    Console.WriteLine($"  {name,-44} rows {latencies.Count:N0}  p50 {P(latencies, 0.5),5}  p90 {P(latencies, 0.9),5}  p99 {P(latencies, 0.99),5}  max {latencies[^1],5}");
}

static void Poll(string connectionString, string table, long[] visible, CancellationToken stop)
{
    using var c = Open(connectionString);
    long seen = -1;
    while (!stop.IsCancellationRequested)
    {
        using var command = new NpgsqlCommand($"SELECT seq FROM {table} WHERE seq > {seen} ORDER BY seq", c);
        var now = Now();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var seq = reader.GetInt64(0);
                visible[seq] = now;
                seen = Math.Max(seen, seq);
            }
        }

        Thread.Sleep(2);
    }
}

static void Copy(NpgsqlConnection c, string table, List<Row> batch)
{
    if (batch.Count == 0)
    {
        return;
    }

    using var importer = c.BeginBinaryImport($"COPY {table} (sensor, seq, made) FROM STDIN (FORMAT BINARY)");
    foreach (var row in batch)
    {
        importer.StartRow();
        importer.Write(row.Sensor, NpgsqlDbType.Text);
        importer.Write(row.Seq, NpgsqlDbType.Bigint);
        importer.Write(row.Made, NpgsqlDbType.Bigint);
    }

    importer.Complete();
}

static long P(List<long> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];

static long Now() => DateTime.UtcNow.Ticks / TimeSpan.TicksPerMillisecond;

static void Wait<T>(StreamJob<T> job)
{
    using var done = new ManualResetEventSlim();
    Exception? error = null;
    using (job.Subscribe(_ => { }, e => { error = e; done.Set(); }, done.Set))
    {
        done.Wait();
    }

    if (error is not null)
    {
        throw new InvalidOperationException("the job failed", error);
    }
}

static PostgreSqlTable<Row> Columns(string table) => new PostgreSqlTable<Row>(table)
    .Column("sensor", r => r.Sensor, NpgsqlDbType.Text)
    .Column("seq", r => r.Seq, NpgsqlDbType.Bigint)
    .Column("made", r => r.Made, NpgsqlDbType.Bigint);

static string NewTable(string connectionString)
{
    var table = "bench_" + Guid.NewGuid().ToString("N")[..12];
    using var c = Open(connectionString);
    using var command = new NpgsqlCommand($"CREATE TABLE {table} (sensor text NOT NULL, seq bigint NOT NULL, made bigint NOT NULL)", c);
    command.ExecuteNonQuery();
    return table;
}

static void Check(string connectionString, string table, long expected)
{
    using var c = Open(connectionString);
    var count = (long)Scalar(c, $"SELECT count(*) FROM {table}");
    if (count != expected)
    {
        throw new InvalidOperationException($"{table} has {count} rows, expected {expected}");
    }

    using var drop = new NpgsqlCommand($"DROP TABLE {table}", c);
    drop.ExecuteNonQuery();
}

static NpgsqlConnection Open(string connectionString)
{
    var c = new NpgsqlConnection(connectionString);
    c.Open();
    return c;
}

static object Scalar(NpgsqlConnection c, string sql)
{
    using var command = new NpgsqlCommand(sql, c);
    return command.ExecuteScalar()!;
}

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

string? OptionText(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

internal sealed record Row(string Sensor, long Seq, long Made);
