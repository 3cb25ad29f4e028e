using System.Globalization;
using RxStreams.Checkpoints;
using RxStreams.State;
using RxStreams.Tests;
using RxStreams.Tests.Checkpoints.Parallel;

namespace RxStreams.RocksDb.Tests.Snapshots;

/// <summary>
/// A keyed pipeline that keeps every kind of state (value, list, map, reducing, aggregating, and a value with an
/// event-time time to live) and emits all of it per record, run as a job on a chosen backend and parallelism.
/// </summary>
internal static class AllStateKinds
{
    private static readonly SourceOptions Paced = new() { RecordsPerStep = 1, Pace = TimeSpan.FromMilliseconds(1) };

    public static List<(string Key, long Time)> Events(int count, int keys, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => ("k" + random.Next(keys), (i * 3L) + random.Next(10))).ToList();
    }

    public static IObservable<StreamElement<string>> Pipeline(IReadOnlyList<(string Key, long Time)> events, int parallelism) =>
        ReplayableSource.FromList(events, "events", Paced)
            .WithEventTime(e => e.Time, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(5)))
            .PartitionByKey(e => e.Key, parallelism, new ExchangeOptions { Capacity = 8 })
            .Apply(s => s.KeyBy(e => e.Key).Process(() => new Function()).Uid("all-kinds"))
            .Merge();

    public static CheckpointOptions Options(StateBackend backend, PumpedTestScheduler scheduler, CheckpointSnapshot? from = null, ICheckpointStorage? storage = null) => new()
    {
        Storage = storage ?? new InMemoryCheckpointStorage(),
        Scheduler = scheduler,
        AsynchronousSnapshots = false,
        Interval = TimeSpan.FromMilliseconds(10),
        StateBackend = backend,
        RestoreFrom = from,
        ResumeFromLatest = false,
    };

    /// <summary>Runs the whole input without failure.</summary>
    public static List<string> Run(IReadOnlyList<(string Key, long Time)> events, StateBackend backend, int parallelism, CheckpointSnapshot? from = null)
    {
        var scheduler = new PumpedTestScheduler();
        var job = StreamJob.Create(() => Pipeline(events, parallelism), Options(backend, scheduler, from));
        var output = new BlockingCollector<string>();
        using (job.Subscribe(output))
        {
            scheduler.RunUntil(() => output.Ended, TimeSpan.FromMilliseconds(1));
            output.Wait(TimeSpan.Zero);
        }

        return output.Items;
    }

    /// <summary>Runs until <paramref name="records"/> results came and <paramref name="checkpoints"/> checkpoints completed, then ends the job as a crash would.</summary>
    public static List<string> RunAndCrash(
        IReadOnlyList<(string Key, long Time)> events, StateBackend backend, int parallelism, int records, ICheckpointStorage storage, int checkpoints = 1)
    {
        var scheduler = new PumpedTestScheduler();
        var job = StreamJob.Create(() => Pipeline(events, parallelism), Options(backend, scheduler, storage: storage));
        var output = new BlockingCollector<string>();
        using (job.Subscribe(output))
        {
            scheduler.RunUntil(() => output.Ended || (output.Items.Count >= records && job.Checkpoints.Completed >= checkpoints), TimeSpan.FromMilliseconds(1));
            Assert.False(output.Ended, "the job ended before the crash point");
        }

        return output.Items;
    }

    /// <summary>Runs until <paramref name="records"/> results came, then stops with a savepoint.</summary>
    public static (List<string> Output, CheckpointSnapshot Savepoint) RunToSavepoint(IReadOnlyList<(string Key, long Time)> events, StateBackend backend, int parallelism, int records)
    {
        var scheduler = new PumpedTestScheduler();
        var job = StreamJob.Create(() => Pipeline(events, parallelism), Options(backend, scheduler));
        var output = new BlockingCollector<string>();
        using (job.Subscribe(output))
        {
            scheduler.RunUntil(() => output.Items.Count >= records, TimeSpan.FromMilliseconds(1));
            var stopping = job.StopWithSavepointAsync();
            scheduler.RunUntil(() => output.Ended, TimeSpan.FromMilliseconds(1));
            output.Wait(TimeSpan.Zero);
            return (output.Items, stopping.GetAwaiter().GetResult());
        }
    }

    private sealed class Function : KeyedProcessFunction<string, (string Key, long Time), string>
    {
        private ValueState<int> _count = null!;
        private ListState<long> _recent = null!;
        private MapState<int, int> _parities = null!;
        private ReducingState<long> _latest = null!;
        private AggregatingState<long, long> _sum = null!;
        private ValueState<long> _lastSeen = null!;

        public override void Open(RuntimeContext context)
        {
            _count = context.GetState(new ValueStateDescriptor<int>("count"));
            _recent = context.GetListState(new ListStateDescriptor<long>("recent"));
            _parities = context.GetMapState(new MapStateDescriptor<int, int>("parities"));
            _latest = context.GetReducingState(new ReducingStateDescriptor<long>("latest", Math.Max));
            _sum = context.GetAggregatingState(new AggregatingStateDescriptor<long, long, long>("sum", new Sum()));
            _lastSeen = context.GetState(new ValueStateDescriptor<long>("last seen", -1) { Ttl = StateTtlConfig.OnEventTime(TimeSpan.FromMilliseconds(15)) });
        }

        public override void ProcessElement((string Key, long Time) value, KeyedProcessContext<string, string> context)
        {
            _count.Value++;
            var recent = _recent.Values;
            if (recent.Count == 3)
            {
                _recent.Update(recent.Skip(1).Append(value.Time));
            }
            else
            {
                _recent.Add(value.Time);
            }

            var parity = (int)(value.Time % 2);
            _parities.Put(parity, _parities.TryGetValue(parity, out var seen) ? seen + 1 : 1);
            if (_count.Value % 5 == 0)
            {
                _parities.Remove(1 - parity);
            }

            _latest.Add(value.Time);
            _sum.Add(value.Time);
            var last = _lastSeen.Value;
            _lastSeen.Update(value.Time);
            var parities = string.Join(",", _parities.Entries.OrderBy(e => e.Key).Select(e => $"{e.Key}:{e.Value}"));
            context.Collect(string.Create(CultureInfo.InvariantCulture,
                $"{context.Key}@{value.Time} n={_count.Value} recent=[{string.Join(",", _recent.Values)}] parities={parities} latest={_latest.Value} sum={_sum.Result} last={last}"));
        }
    }

    private sealed class Sum : IAggregateFunction<long, long, long>
    {
        public long CreateAccumulator() => 0;

        public void Add(ref long accumulator, long value) => accumulator += value;

        public long GetResult(in long accumulator) => accumulator;

        public long Merge(long a, long b) => a + b;
    }
}
