using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.Data.Sqlite;
using RxStreams;
using RxStreams.Checkpoints;
using RxStreams.Sinks;
using RxStreams.Sqlite;

// Sink throughput in a checkpointed job (a checkpoint every --interval-ms, default 1,000, into a directory with fsync):
// the file sink (CSV) and the SQLite sink, exactly-once (two-phase commit: hidden parts renamed / staged rows moved
// when a checkpoint completes) against at-least-once (plain append, flushed at barriers), and a job without a sink
// (the source and WithEventTime alone) for scale. Best of --runs (default 3) runs after a warm-up.
// Usage: RxStreams.Sink.Bench [--records N] [--sqlite-records M] [--interval-ms I] [--runs R] [--dir PATH]
var records = Arg("--records", 3_000_000);
var sqliteRecords = Arg("--sqlite-records", 1_000_000);
var interval = TimeSpan.FromMilliseconds(Arg("--interval-ms", 1000));
var runs = Arg("--runs", 3);
var dirIndex = Array.IndexOf(args, "--dir");
var root = Path.Combine(dirIndex >= 0 ? args[dirIndex + 1] : Path.GetTempPath(), "rxstreams-sink-bench-" + Guid.NewGuid().ToString("N"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"RxStreams.Sink.Bench: {records:N0} records (SQLite {sqliteRecords:N0}), checkpoint every {interval.TotalMilliseconds:N0} ms, in {root}, {Environment.ProcessorCount} CPU(s), .NET {Environment.Version}"));

var data = new Reading[Math.Max(records, sqliteRecords)];
for (var i = 0; i < data.Length; i++)
{
    data[i] = new Reading("sensor-" + (i % 1000).ToString(CultureInfo.InvariantCulture), i % 977 * 0.5, i);
}

var csv = FileFormats.Csv<Reading>(["sensor", "value", "time"], (r, row) => row.Add(r.Sensor).Add(r.Value).Add(r.Time));
SqliteColumn<Reading>[] columns = [new("sensor", "TEXT", r => r.Sensor), new("value", "REAL", r => r.Value), new("time", "INTEGER", r => r.Time)];
var run = 0;
try
{
    Console.WriteLine("| sink | guarantee | records | M records/s | MB/s | × plain | end of input → job done | checkpoints |");
    Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
    var none = Measure("no sink (source + WithEventTime)", "-", records, _ => null, null);
    Report(none, null);
    var filePlain = Measure("FileSink CSV", "at-least-once", records, dir => new FileSink<Reading>(dir, csv, new FileSinkOptions { Guarantee = SinkGuarantee.AtLeastOnce }), Bytes);
    Report(filePlain, null);
    Report(Measure("FileSink CSV", "exactly-once", records, dir => new FileSink<Reading>(dir, csv), Bytes), filePlain);
    var sqlitePlain = Measure("SqliteSink", "at-least-once", sqliteRecords, dir => new SqliteSink<Reading>(Db(dir), "readings", columns, new SqliteSinkOptions { Guarantee = SinkGuarantee.AtLeastOnce }), null);
    Report(sqlitePlain, null);
    Report(Measure("SqliteSink", "exactly-once", sqliteRecords, dir => new SqliteSink<Reading>(Db(dir), "readings", columns), null), sqlitePlain);
}
finally
{
    SqliteConnection.ClearAllPools();
    Delete(root);
}

return;

Result Measure(string name, string guarantee, int count, Func<string, Sink<Reading>?> sink, Func<string, long>? bytes)
{
    var best = default(Result);
    for (var i = 0; i <= runs; i++)
    {
        var dir = Path.Combine(root, (run++).ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        var storage = new DirectoryCheckpointStorage(Path.Combine(dir, "checkpoints"));
        var last = count - 1L;
        long lastSeen = 0;
        var job = StreamJob.Create(
            () =>
            {
                var stream = ReplayableSource.FromList(new ArraySegment<Reading>(data, 0, count), "readings", new SourceOptions { RecordsPerStep = 4096 })
                    .WithEventTime(r => r.Time, WatermarkStrategy.ForMonotonousTimestamps())
                    .Where(r =>
                    {
                        if (r.Time == last)
                        {
                            lastSeen = Stopwatch.GetTimestamp();
                        }

                        return true;
                    });
                return sink(dir) is { } s ? stream.SinkTo(s).Uid("out") : stream.Where(_ => false);
            },
            new CheckpointOptions { Interval = interval, Storage = storage });
        using var done = new ManualResetEventSlim();
        Exception? error = null;
        var started = Stopwatch.GetTimestamp();
        using (job.Subscribe(_ => { }, e => { error = e; done.Set(); }, done.Set))
        {
            done.Wait();
        }

        var ended = Stopwatch.GetTimestamp();
        var elapsed = Stopwatch.GetElapsedTime(started, ended);
        if (error is not null)
        {
            throw new InvalidOperationException($"{name} ({guarantee}) failed: {error.Message}", error);
        }

        // The rate counts from the start to the job's end, so it includes every commit; the last column shows the
        // part of that after the last record reached the sink: for exactly-once, the wait for the final checkpoint
        // (up to one interval) and its commit.
        var result = new Result(name, guarantee, count, count / elapsed.TotalSeconds, bytes?.Invoke(dir) / elapsed.TotalSeconds, Stopwatch.GetElapsedTime(lastSeen, ended), job.Checkpoints.Completed);
        if (i > 0 && result.Rate > best.Rate)
        {
            best = result;
        }

        Delete(dir);
    }

    return best;
}

// An asynchronous checkpoint may still be writing when the job has ended: leave what cannot be deleted yet.
static void Delete(string dir)
{
    try
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }
    catch (IOException)
    {
    }
}

static long Bytes(string dir) => Directory.GetFiles(dir, "part-*").Sum(f => new FileInfo(f).Length);

static string Db(string dir) => $"Data Source={Path.Combine(dir, "results.db")}";

void Report(Result result, Result? plain) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {result.Name} | {result.Guarantee} | {result.Records:N0} | {result.Rate / 1e6:F2} | {(result.BytesPerSecond is { } b ? (b / 1e6).ToString("F1", CultureInfo.InvariantCulture) : "-")} | {(plain is { } p ? (result.Rate / p.Rate).ToString("F2", CultureInfo.InvariantCulture) : "-")} | {result.End.TotalMilliseconds:N0} ms | {result.Checkpoints} |"));

int Arg(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

internal readonly record struct Reading(string Sensor, double Value, long Time);

internal readonly record struct Result(string Name, string Guarantee, int Records, double Rate, double? BytesPerSecond, TimeSpan End, long Checkpoints);
