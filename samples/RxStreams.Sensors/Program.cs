using System;
using System.IO;
using System.Threading;
using Microsoft.Data.Sqlite;
using RxStreams;
using RxStreams.Checkpoints;
using RxStreams.Sensors;

// Sensor readings from a CSV file -> 10 s windows per sensor -> SQLite (default) or PostgreSQL, end-to-end exactly-once.
//   dotnet run --project samples/RxStreams.Sensors                                  # SQLite, in ./sensor-sample
//   dotnet run --project samples/RxStreams.Sensors -- --postgres "Host=...;Username=...;Database=..."
//   dotnet run --project samples/RxStreams.Sensors -- --files /tmp/sensor-parts      # JSON lines part files instead
//   dotnet run --project samples/RxStreams.Sensors -- --fail-at 2000               # a crash at reading 2000, recovered
//   --pace-ms 2 pauses 2 ms after every 20 readings (the process-kill test uses it to kill the job mid-run).
// Run it again on the same directory: it resumes from its checkpoints and writes nothing twice.
var directory = Option("--dir") ?? Path.GetFullPath("sensor-sample");
var postgres = Option("--postgres");
var files = Option("--files");
var failAt = int.Parse(Option("--fail-at") ?? "-1", System.Globalization.CultureInfo.InvariantCulture);
var pace = TimeSpan.FromMilliseconds(int.Parse(Option("--pace-ms") ?? "0", System.Globalization.CultureInfo.InvariantCulture));
Directory.CreateDirectory(directory);
var csv = Path.Combine(directory, "readings.csv");
if (!File.Exists(csv))
{
    SensorPipeline.WriteReadings(csv, 5000);
}

var database = Path.Combine(directory, "results.db");
if (postgres is not null)
{
    SensorPipeline.CreatePostgreSqlTable(postgres);
}

var sink = postgres is not null ? SensorPipeline.PostgreSql(postgres) : files is not null ? SensorPipeline.Files(files) : SensorPipeline.Sqlite(database);
var badLines = new DeadLetters();
using var printBadLines = badLines.Subscribe(letter => Console.WriteLine($"dead letter: {letter}"));
var seen = 0;
var failed = false;
var job = StreamJob.Create(
    () => SensorPipeline.Build(csv, sink, badLines, _ =>
    {
        if (Interlocked.Increment(ref seen) == failAt && !failed)
        {
            failed = true;
            throw new InvalidOperationException($"a crash at reading {failAt}, as asked");
        }

        return true;
    }, pace),
    new CheckpointOptions
    {
        Storage = new DirectoryCheckpointStorage(Path.Combine(directory, "checkpoints")),
        Interval = TimeSpan.FromMilliseconds(200),
        Guarantee = DeliveryGuarantee.EndToEndExactlyOnce,
        RestartStrategy = RestartStrategy.FixedDelay(3, TimeSpan.FromMilliseconds(100)),
    });

using var done = new ManualResetEventSlim();
Exception? error = null;
using (job.Subscribe(_ => { }, e => { error = e; done.Set(); }, done.Set))
{
    done.Wait();
}

if (error is not null)
{
    Console.Error.WriteLine($"The job failed: {error.Message}");
    return 1;
}

Console.WriteLine($"{job.Checkpoints.Completed} checkpoints, {job.Checkpoints.Restarts} restarts, {badLines.Count} bad line(s)");
if (postgres is null && files is null)
{
    using var connection = new SqliteConnection($"Data Source={database}");
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = "SELECT count(*), count(DISTINCT sensor || '/' || window_start || '/' || firing) FROM window_summaries";
    using var reader = command.ExecuteReader();
    reader.Read();
    Console.WriteLine($"window_summaries in {database}: {reader.GetInt64(0)} rows, {reader.GetInt64(1)} distinct (sensor, window, firing)");
}
else
{
    Console.WriteLine(postgres is not null ? "window_summaries written to PostgreSQL" : $"window summaries written to part files in {files}");
}

return 0;

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
