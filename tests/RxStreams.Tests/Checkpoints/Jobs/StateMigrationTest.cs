using System.Threading.Tasks;
using Microsoft.Reactive.Testing;
using RxStreams.Checkpoints;

namespace RxStreams.Tests.Checkpoints.Jobs;

/// <summary>
/// A savepoint taken with states of one type restores into a function that declares them with another type and a
/// migration from the old one: every state kind, with and without a time to live (on the heap here; on RocksDB in
/// RxStreams.RocksDb.Tests, which compiles this file too).
/// </summary>
public sealed class StateMigrationTest
{
    [Fact]
    public async Task EveryStateKindIsReadInItsOldTypeAndConverted()
    {
        var events = StreamJobTest.Events(40, keys: 3, seed: 5);
        var savepoint = await SavepointAfter20Ms(events);
        var position = (int)new RxStreams.State.StateReader(savepoint.Operators["events"].OperatorState[0].Data.Span).ReadVarInt64();
        Assert.InRange(position, 5, 35);

        var output = Resume(events, savepoint, () => new NewTypes());

        Assert.True(output.Completed, output.Error?.ToString());
        var expected = new List<string>();
        for (var j = position; j < events.Count; j++)
        {
            var key = events[j].Key;
            var mine = events.Take(j + 1).Where(e => e.Key == key).ToList();
            var before = events.Take(position).Count(e => e.Key == key);
            var after = mine.Count - before;
            expected.Add(
                $"{key}: count={10 * mine.Count} times={string.Join(',', mine.Select(e => "t" + e.Time))} last={events[j].Time} " +
                $"sum={mine.Sum(e => e.Time)} records={mine.Count} seen={(before > 0 ? 101 + after : after)}");
        }

        Assert.Equal(expected, output.Items.Where(e => e.IsRecord).Select(e => e.Value).ToList());
    }

    [Fact]
    public async Task AMigrationFromAnotherTypeThanTheWrittenOneDoesNotMatch()
    {
        var events = StreamJobTest.Events(40, keys: 3, seed: 5);
        var savepoint = await SavepointAfter20Ms(events);

        var output = Resume(events, savepoint, () => new NewTypes(countFrom: StateMigration.From<short, long>(v => v)));

        var error = Assert.IsType<CheckpointRestoreException>(output.Error);
        Assert.Equal(
            "State 'count' of operator 'Process' (uid 'typed') was written as 'value state i32' and is declared as 'value state i64'. " +
            "A changed state type, serializer or time to live cannot be read back: keep the old declaration, register a serializer that reads it, " +
            "give the descriptor a migration from the old type (Migrations = [StateMigration.From<TOld, TNew>(convert)]), or give the state a new name.",
            error.Message);
    }

    [Fact]
    public async Task AConversionThatThrowsFailsTheRestoreNamingTheState()
    {
        var events = StreamJobTest.Events(40, keys: 3, seed: 5);
        var savepoint = await SavepointAfter20Ms(events);

        var output = Resume(events, savepoint, () => new NewTypes(countFrom: StateMigration.From<int, long>(v => throw new FormatException("no longs today"))));

        var error = Assert.IsType<CheckpointRestoreException>(output.Error);
        Assert.Equal("The migration of state 'count' failed: FormatException: no longs today", error.Message);
    }

    private static Collector<StreamElement<string>> Resume(List<(string Key, long Time)> events, CheckpointSnapshot savepoint, Func<KeyedProcessFunction<string, (string Key, long Time), string>> function)
    {
        var scheduler = new TestScheduler();
        var job = StreamJob.Create(() => Pipeline(events, function), Options(scheduler) with { RestoreFrom = savepoint });
        var output = new Collector<StreamElement<string>>();
        using (job.Subscribe(output))
        {
            scheduler.AdvanceBy(TimeSpan.FromSeconds(1).Ticks);
        }

        return output;
    }

    private static async Task<CheckpointSnapshot> SavepointAfter20Ms(List<(string Key, long Time)> events)
    {
        var scheduler = new TestScheduler();
        var first = StreamJob.Create(() => Pipeline(events, () => new OldTypes()), Options(scheduler));
        using (first.Subscribe(new Collector<StreamElement<string>>()))
        {
            scheduler.AdvanceBy(TimeSpan.FromMilliseconds(20).Ticks);
            var stopping = first.StopWithSavepointAsync();
            scheduler.AdvanceBy(1);
            Assert.True(stopping.IsCompletedSuccessfully, stopping.Exception?.ToString());
            return await stopping;
        }
    }

    private static IObservable<StreamElement<string>> Pipeline(
        List<(string Key, long Time)> events, Func<KeyedProcessFunction<string, (string Key, long Time), string>> function) =>
        ReplayableSource.FromList(events, "events", new SourceOptions { RecordsPerStep = 1, Pace = TimeSpan.FromMilliseconds(1) })
            .WithEventTime(e => e.Time, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(5)))
            .KeyBy(e => e.Key)
            .Process(function)
            .Uid("typed");

    private static CheckpointOptions Options(TestScheduler scheduler) => new()
    {
        Scheduler = scheduler,
        Interval = TimeSpan.FromMilliseconds(10),
        AsynchronousSnapshots = false,
    };

    /// <summary>The first version: every state in 32-bit integers.</summary>
    private sealed class OldTypes : KeyedProcessFunction<string, (string Key, long Time), string>
    {
        private ValueState<int> _count = null!;
        private ListState<int> _times = null!;
        private MapState<string, int> _last = null!;
        private ReducingState<int> _sum = null!;
        private AggregatingState<long, int> _records = null!;
        private ValueState<int> _seen = null!;

        public override void Open(RuntimeContext context)
        {
            _count = context.GetState(new ValueStateDescriptor<int>("count"));
            _times = context.GetListState(new ListStateDescriptor<int>("times"));
            _last = context.GetMapState(new MapStateDescriptor<string, int>("last"));
            _sum = context.GetReducingState(new ReducingStateDescriptor<int>("sum", (a, b) => a + b));
            _records = context.GetAggregatingState(new AggregatingStateDescriptor<long, int, int>("records", new CountInt()));
            _seen = context.GetState(new ValueStateDescriptor<int>("seen") { Ttl = StateTtlConfig.OnEventTime(TimeSpan.FromHours(1)) });
        }

        public override void ProcessElement((string Key, long Time) value, KeyedProcessContext<string, string> context)
        {
            _count.Update(_count.Value + 1);
            _times.Add((int)value.Time);
            _last.Put("last", (int)value.Time);
            _sum.Add((int)value.Time);
            _records.Add(value.Time);
            _seen.Update(1);
        }
    }

    /// <summary>The second version: counts in tenths, times as strings, sums in 64 bits, each with a migration from the first.</summary>
    private sealed class NewTypes(StateMigration<long>? countFrom = null) : KeyedProcessFunction<string, (string Key, long Time), string>
    {
        private ValueState<long> _count = null!;
        private ListState<string> _times = null!;
        private MapState<string, long> _last = null!;
        private ReducingState<long> _sum = null!;
        private AggregatingState<long, long> _records = null!;
        private ValueState<long> _seen = null!;

        public override void Open(RuntimeContext context)
        {
            _count = context.GetState(new ValueStateDescriptor<long>("count") { Migrations = [countFrom ?? StateMigration.From<int, long>(v => v * 10L)] });
            _times = context.GetListState(new ListStateDescriptor<string>("times") { Migrations = [StateMigration.From<int, string>(v => "t" + v)] });
            _last = context.GetMapState(new MapStateDescriptor<string, long>("last") { Migrations = [StateMigration.From<int, long>(v => v)] });
            _sum = context.GetReducingState(new ReducingStateDescriptor<long>("sum", (a, b) => a + b) { Migrations = [StateMigration.From<int, long>(v => v)] });
            _records = context.GetAggregatingState(new AggregatingStateDescriptor<long, long, long>("records", new CountLong()) { Migrations = [StateMigration.From<int, long>(v => v)] });
            _seen = context.GetState(new ValueStateDescriptor<long>("seen")
            {
                Ttl = StateTtlConfig.OnEventTime(TimeSpan.FromHours(1)),
                Migrations = [StateMigration.From<short, long>(v => -1), StateMigration.From<int, long>(v => v + 100)],
            });
        }

        public override void ProcessElement((string Key, long Time) value, KeyedProcessContext<string, string> context)
        {
            _count.Update(_count.Value + 10);
            _times.Add("t" + value.Time);
            _last.Put("last", value.Time);
            _sum.Add(value.Time);
            _records.Add(value.Time);
            _seen.Update(_seen.Value + 1);
            _last.TryGetValue("last", out var last);
            context.Collect(
                $"{context.Key}: count={_count.Value} times={string.Join(',', _times.Values)} last={last} sum={_sum.Value} records={_records.Result} seen={_seen.Value}");
        }
    }

    private sealed class CountInt : IAggregateFunction<long, int, int>
    {
        public int CreateAccumulator() => 0;

        public void Add(ref int accumulator, long value) => accumulator++;

        public int GetResult(in int accumulator) => accumulator;

        public int Merge(int a, int b) => a + b;
    }

    private sealed class CountLong : IAggregateFunction<long, long, long>
    {
        public long CreateAccumulator() => 0;

        public void Add(ref long accumulator, long value) => accumulator++;

        public long GetResult(in long accumulator) => accumulator;

        public long Merge(long a, long b) => a + b;
    }
}
