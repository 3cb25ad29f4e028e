using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using RxStreams;
using RxStreams.Checkpoints;
using RxStreams.RocksDb;
using RxStreams.State;

// Checkpoint costs on a keyed process function with many keys (count per key in a ValueState), one core:
// throughput outside a job, in a job without checkpoints, in a job with a checkpoint every second into a directory
// (fsync); the synchronous pause per checkpoint (p50/p99/max); the time to restore the last checkpoint; and the cost
// of one ValueState read-and-update on the job's state backend.
// Usage: RxStreams.Checkpoint.Bench [--events N] [--keys K] [--interval-ms I] [--window] [--backend heap|rocksdb] [--incremental] [--restore-only] [--rounds R]
// --window measures a keyed tumbling-window count (10 s windows) instead of the process function.
// --backend rocksdb keeps the process function's state in RocksDB (local files in the temporary directory);
// --incremental makes its checkpoints incremental.
// --restore-only takes one checkpointed run and then times only the restore of its last checkpoint, three times.
var events = Arg("--events", 30_000_000);
var keys = Arg("--keys", 1_000_000);
var interval = TimeSpan.FromMilliseconds(Arg("--interval-ms", 1000));
var windows = Array.IndexOf(args, "--window") >= 0;
var backendIndex = Array.IndexOf(args, "--backend");
var rocksDb = backendIndex >= 0 && args[backendIndex + 1] == "rocksdb";
var incremental = Array.IndexOf(args, "--incremental") >= 0;
var restoreOnly = Array.IndexOf(args, "--restore-only") >= 0;
var rounds = Arg("--rounds", 3);
var local = Path.Combine(Path.GetTempPath(), "rxstreams-checkpoint-bench-rocksdb-" + Guid.NewGuid().ToString("N"));
StateBackend backend = rocksDb ? new RocksDbStateBackend(local) { IncrementalCheckpoints = incremental } : HeapStateBackend.Instance;
var backendName = rocksDb ? (incremental ? "RocksDB, incremental checkpoints" : "RocksDB, full checkpoints") : "heap";
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"RxStreams.Checkpoint.Bench: {(windows ? "keyed 10 s tumbling-window count" : "keyed process function, a ValueState per key")}, {backendName}, {events:N0} events, {keys:N0} keys, " +
    $"checkpoint every {interval.TotalMilliseconds:N0} ms, {Environment.ProcessorCount} CPU(s), .NET {Environment.Version}"));

var data = new Event[events];
var random = new Random(1);
for (var i = 0; i < data.Length; i++)
{
    data[i] = new Event(random.Next(keys), i / 1000);
}

var root = Path.Combine(Path.GetTempPath(), "rxstreams-checkpoint-bench-" + Guid.NewGuid().ToString("N"));
var directory = root;
var round = 0;
try
{
    if (restoreOnly)
    {
        // One checkpointed run, then its last checkpoint restored three times: the restore path alone.
        InJob(data, windows, interval, new DirectoryCheckpointStorage(directory), backend, out _);
        var last = new DirectoryCheckpointStorage(directory).LoadLatest()
            ?? throw new InvalidOperationException("No checkpoint completed: give the run more events (--events) or a shorter --interval-ms.");
        for (var i = 0; i < 3; i++)
        {
            InJob(data, windows, TimeSpan.FromDays(1), new InMemoryCheckpointStorage(), backend, out var again, last);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"restore of checkpoint {last.CheckpointId} ({keys:N0} keys) into the operator: {again.RestoreDuration.TotalMilliseconds:F0} ms"));
        }

        return 0;
    }

    // Warm-up, then the outside-a-job variant best of three.
    Outside(data, 1, windows);
    var outside = Best(() => Outside(data, 1, windows));
    // Rounds alternate the two job variants, so a drift of the machine's speed (this VM's varies by tens of percent from
    // one second to the next) falls on both; best of each, and the median of the rounds' paired overheads.
    CheckpointStatistics? statistics = null;
    var withoutCheckpoints = 0.0;
    var withCheckpoints = 0.0;
    var paired = new System.Collections.Generic.List<double>();
    for (var i = 0; i < rounds; i++)
    {
        var without = InJob(data, windows, TimeSpan.FromDays(1), new InMemoryCheckpointStorage(), backend, out _).Rate;

        // A directory per round: the last checkpoint of the round before may still be being stored.
        directory = Path.Combine(root, "round-" + round++.ToString(CultureInfo.InvariantCulture));
        var with = InJob(data, windows, interval, new DirectoryCheckpointStorage(directory), backend, out var s).Rate;
        statistics = s;
        withoutCheckpoints = Math.Max(withoutCheckpoints, without);
        withCheckpoints = Math.Max(withCheckpoints, with);
        paired.Add(1 - (with / without));
    }

    paired.Sort();

    Console.WriteLine();
    Console.WriteLine("| variant | M events/s |");
    Console.WriteLine("|---|---:|");
    Console.WriteLine(Row("outside a job (no checkpoint machinery, heap)", outside));
    Console.WriteLine(Row("job, no checkpoints", withoutCheckpoints));
    Console.WriteLine(Row($"job, checkpoint every {interval.TotalMilliseconds:N0} ms to a directory", withCheckpoints));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"\noverhead of checkpoints: {(1 - (withCheckpoints / withoutCheckpoints)) * 100:F1} % (best runs), {paired[paired.Count / 2] * 100:F1} % (median of {rounds} paired rounds)"));
    var pauses = statistics!.SynchronousPauses.Percentiles()
        ?? throw new InvalidOperationException("No checkpoint completed: give the run more events (--events) or a shorter --interval-ms.");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"checkpoints: {statistics.Completed} completed, {statistics.Failed} failed, last {statistics.LastSize / 1e6:F1} MB in {statistics.LastDuration.TotalMilliseconds:F0} ms trigger-to-durable"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"synchronous pause: p50 {pauses.P50.TotalMilliseconds:F2} ms, p99 {pauses.P99.TotalMilliseconds:F2} ms, max {pauses.Max.TotalMilliseconds:F2} ms over {pauses.Samples} checkpoints"));

    var load = Stopwatch.StartNew();
    var latest = new DirectoryCheckpointStorage(directory).LoadLatest()!;
    var loaded = load.Elapsed;
    InJob(data, windows, TimeSpan.FromDays(1), new InMemoryCheckpointStorage(), backend, out var restored, latest);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"restore of checkpoint {latest.CheckpointId} ({keys:N0} keys): read from disk {loaded.TotalMilliseconds:F0} ms, into the operator {restored.RestoreDuration.TotalMilliseconds:F0} ms"));

    if (windows)
    {
        return 0;
    }

    // Outside a job for the heap (as before), in a job without checkpoints for RocksDB (a job chooses the backend).
    var zero = Best(() => rocksDb ? InJob(data, windows, TimeSpan.FromDays(1), new InMemoryCheckpointStorage(), backend, out _, operations: 0).Rate : Outside(data, 0, windows));
    long allocated = 0;
    var four = Best(() =>
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var rate = rocksDb ? InJob(data, windows, TimeSpan.FromDays(1), new InMemoryCheckpointStorage(), backend, out _, operations: 4).Rate : Outside(data, 4, windows);
        allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        return rate;
    });
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{(rocksDb ? "RocksDB" : "heap")} ValueState read + update: {((1e3 / four) - (1e3 / zero)) / 4:F1} ns per operation ({keys:N0} keys; from 0 and 4 operations per record: {zero:F2} and {four:F2} M records/s; " +
        $"{(double)allocated / data.Length:F1} B allocated per record at 4 operations)"));
}
finally
{
    if (Directory.Exists(root))
    {
        Directory.Delete(root, true);
    }

    if (Directory.Exists(local))
    {
        Directory.Delete(local, true);
    }
}

return 0;

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

static string Row(string name, double rate) => string.Create(CultureInfo.InvariantCulture, $"| {name} | {rate:F2} |");

static double Best(Func<double> run)
{
    var best = 0.0;
    for (var i = 0; i < 3; i++)
    {
        best = Math.Max(best, run());
    }

    return best;
}

// Millions of events per second through the pipeline outside any job.
static double Outside(Event[] data, int operations, bool windows)
{
    var sink = new Counter();
    var watch = Stopwatch.StartNew();
    using (Pipeline(ReplayableSource.FromList(data), operations, windows).Subscribe(sink))
    {
    }

    return data.Length / watch.Elapsed.TotalSeconds / 1e6;
}

static (double Rate, long Count) InJob(
    Event[] data, bool windows, TimeSpan interval, ICheckpointStorage storage, StateBackend backend, out CheckpointStatistics statistics, CheckpointSnapshot? restore = null, int operations = 1)
{
    var sink = new Counter();
    var job = StreamJob.Create(
        () => Pipeline(ReplayableSource.FromList(data, "events", new SourceOptions { RecordsPerStep = 4096 }), operations, windows),
        new CheckpointOptions { Storage = storage, Interval = interval, RestoreFrom = restore, ResumeFromLatest = false, StateBackend = backend });
    var gcBefore = GcFigures.Now();
    var watch = Stopwatch.StartNew();
    using (job.Subscribe(sink))
    {
        sink.Done.Wait();
    }

    var elapsed = watch.Elapsed;
    if (Environment.GetEnvironmentVariable("RXSTREAMS_BENCH_GC") == "1")
    {
        Console.WriteLine(GcFigures.Now().Since(gcBefore, elapsed, interval < TimeSpan.FromDays(1) ? "checkpoints" : "no checkpoints"));
    }

    statistics = job.Checkpoints;
    if (sink.Error is not null)
    {
        throw sink.Error;
    }

    return (data.Length / elapsed.TotalSeconds / 1e6, sink.Count);
}

static IObservable<StreamElement<long>> Pipeline(IObservable<Event> source, int operations, bool windows)
{
    var keyed = source.WithEventTime(e => e.Time, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.Zero).WithEmitEvery(1000))
        .KeyBy(e => e.Key);
    return windows
        ? keyed.Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(10))).Count().Uid("counts").Select(r => r.Value)
        : keyed.Process(() => new CountPerKey(operations)).Uid("counts");
}

internal readonly record struct Event(long Key, long Time);

/// <summary>Garbage collections and their pause time, to tell the collector's share of a run (RXSTREAMS_BENCH_GC=1).</summary>
internal readonly record struct GcFigures(int Gen0, int Gen1, int Gen2, TimeSpan Paused, long Allocated)
{
    public static GcFigures Now() =>
        new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(precise: false));

    public string Since(GcFigures before, TimeSpan elapsed, string variant) => string.Create(CultureInfo.InvariantCulture,
        $"  gc ({variant}): {elapsed.TotalMilliseconds:F0} ms run, gen0/1/2 {Gen0 - before.Gen0}/{Gen1 - before.Gen1}/{Gen2 - before.Gen2}, paused {(Paused - before.Paused).TotalMilliseconds:F0} ms, allocated {(Allocated - before.Allocated) / 1e6:F0} MB");
}

/// <summary>Keeps <c>operations</c> counters per key, updating each for every record; emits one result per 65,536 records.</summary>
internal sealed class CountPerKey(int operations) : KeyedProcessFunction<long, Event, long>
{
    private ValueState<long>[] _counts = [];
    private long _seen;

    public override void Open(RuntimeContext context)
    {
        _counts = new ValueState<long>[operations];
        for (var i = 0; i < operations; i++)
        {
            _counts[i] = context.GetState(new ValueStateDescriptor<long>("count" + i.ToString(CultureInfo.InvariantCulture)));
        }
    }

    public override void ProcessElement(Event value, KeyedProcessContext<long, long> context)
    {
        var counts = _counts;
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i].Update(counts[i].Value + 1);
        }

        if ((++_seen & 0xFFFF) == 0)
        {
            context.Collect(_seen);
        }
    }
}

internal sealed class Counter : IObserver<StreamElement<long>>
{
    public ManualResetEventSlim Done { get; } = new();

    public long Count { get; private set; }

    public Exception? Error { get; private set; }

    public void OnNext(StreamElement<long> value)
    {
        if (value.IsRecord)
        {
            Count++;
        }
    }

    public void OnError(Exception error)
    {
        Error = error;
        Done.Set();
    }

    public void OnCompleted() => Done.Set();
}
