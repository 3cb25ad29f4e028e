using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Reactive.Linq;
using System.Text;
using System.Threading;
using RxStreams;
using RxStreams.Checkpoints;

// Usage: RxStreams.CrashHost <checkpoint-directory> <output-file> <events> [heap|rocksdb]
// Runs a keyed process function over a seeded, out-of-order log with checkpoints in <checkpoint-directory>, appends
// every result line to <output-file>, and exits 0 when the input is done. Started again with the same directory after
// a kill, it resumes from the latest completed checkpoint; the line "start <id>" in <output-file>.starts tells which.
var directory = args[0];
var outputPath = args[1];
var count = int.Parse(args[2], CultureInfo.InvariantCulture);
RxStreams.State.StateBackend backend = args.Length > 3 && args[3] == "rocksdb"
    ? new RxStreams.RocksDb.RocksDbStateBackend(directory + ".local") { IncrementalCheckpoints = true }
    : RxStreams.State.HeapStateBackend.Instance;

var storage = new DirectoryCheckpointStorage(directory);
File.AppendAllText(outputPath + ".starts", $"start {storage.LoadLatest()?.CheckpointId ?? 0}\n");

var random = new Random(42);
var events = new List<(string Key, long Time)>(count);
for (var i = 0; i < count; i++)
{
    events.Add(("k" + random.Next(50), (i * 2L) + random.Next(20)));
}

// With RXSTREAMS_CRASHHOST_CSV set to a directory of CSV files (key,time), a file source reads the events from it.
IObservable<(string Key, long Time)> Source()
{
    var paced = new SourceOptions { RecordsPerStep = 10, Pace = TimeSpan.FromMilliseconds(1) };
    return Environment.GetEnvironmentVariable("RXSTREAMS_CRASHHOST_CSV") is { Length: > 0 } csv
        ? FileSource.Csv(csv, row => (Key: row.GetString(0), Time: row.GetInt64(1)), new CsvOptions { Name = "events", Reading = paced, BufferSize = 256 })
        : ReplayableSource.FromList(events, "events", paced);
}

using var output = new FileStream(outputPath, FileMode.Append, FileAccess.Write, FileShare.Read);
using var done = new ManualResetEventSlim();
Exception? failure = null;
var job = StreamJob.Create(
    () => Source()
        .WithEventTime(e => e.Time, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(20)))
        .KeyBy(e => e.Key)
        .Process(() => new Sessions())
        .Uid("sessions"),
    new CheckpointOptions { Storage = storage, Interval = TimeSpan.FromMilliseconds(25), StateBackend = backend });

using var run = job.Subscribe(
    element =>
    {
        if (element.IsRecord)
        {
            // One write per line, so a kill leaves at most one partial line at the end.
            output.Write(Encoding.UTF8.GetBytes(element.Value + "\n"));
            output.Flush();
        }
    },
    error =>
    {
        failure = error;
        done.Set();
    },
    done.Set);
done.Wait();
if (failure is not null)
{
    File.AppendAllText(outputPath + ".errors", failure + "\n");
    Console.Error.WriteLine(failure);
    return 1;
}

return 0;

/// <summary>Counts per key and emits a numbered line per record and a summary after 30 ms of event-time silence.</summary>
internal sealed class Sessions : KeyedProcessFunction<string, (string Key, long Time), string>
{
    private ValueState<int> _sequence = null!;
    private ValueState<long> _timer = null!;
    private ListState<long> _times = null!;

    public override void Open(RuntimeContext context)
    {
        _sequence = context.GetState(new ValueStateDescriptor<int>("sequence"));
        _timer = context.GetState(new ValueStateDescriptor<long>("timer"));
        _times = context.GetListState(new ListStateDescriptor<long>("times"));
    }

    public override void ProcessElement((string Key, long Time) value, KeyedProcessContext<string, string> context)
    {
        _sequence.Value++;
        _times.Add(value.Time);
        context.Collect(string.Create(CultureInfo.InvariantCulture, $"{context.Key}#{_sequence.Value} at {value.Time}"));
        if (_timer.TryGetValue(out var previous))
        {
            context.TimerService.DeleteEventTimeTimer(previous);
        }

        _timer.Value = value.Time + 30;
        context.TimerService.RegisterEventTimeTimer(value.Time + 30);
    }

    public override void OnTimer(long timestamp, KeyedProcessContext<string, string> context)
    {
        _sequence.Value++;
        context.Collect(string.Create(CultureInfo.InvariantCulture, $"{context.Key}#{_sequence.Value} session of {_times.Values.Count}"));
        _times.Clear();
        _timer.Clear();
    }
}
