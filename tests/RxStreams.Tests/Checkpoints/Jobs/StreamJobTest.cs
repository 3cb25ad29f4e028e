using Microsoft.Reactive.Testing;
using RxStreams.Checkpoints;

namespace RxStreams.Tests.Checkpoints.Jobs;

public class StreamJobTest
{
    private static readonly SourceOptions OneRecordPerMs = new() { RecordsPerStep = 1, Pace = TimeSpan.FromMilliseconds(1) };

    [Fact]
    public void AFailedJobRestartsFromTheLastCheckpointAndItsDeduplicatedOutputIsThatOfARunWithoutFailure()
    {
        var events = Events(200, keys: 7, seed: 3);
        var expected = Run(events, failAt: null, out var clean);
        var actual = Run(events, failAt: 137, out var failed);

        Assert.Equal(0, clean.Restarts);
        Assert.Equal(1, failed.Restarts);
        Assert.True(failed.RestoredFromId > 0);
        Assert.Equal(expected, actual.Distinct().ToList());
        Assert.True(actual.Count > expected.Count, "records after the restored checkpoint were emitted twice");
    }

    [Fact]
    public void ACheckpointHoldsTheSourcePositionTheWatermarkAndTheKeyedStateAndTimers()
    {
        var scheduler = new TestScheduler();
        var storage = new InMemoryCheckpointStorage();
        var job = StreamJob.Create(
            () => ReplayableSource.FromList(new[] { "a", "b", "a", "c" }, "letters", OneRecordPerMs)
                .WithEventTime(v => v[0] * 10L, WatermarkStrategy.ForMonotonousTimestamps())
                .KeyBy(v => v)
                .Process(() => new CountAndTimer())
                .Uid("counts"),
            new CheckpointOptions { Storage = storage, Scheduler = scheduler, Interval = TimeSpan.FromTicks(TimeSpan.TicksPerMillisecond * 3) - TimeSpan.FromTicks(1), AsynchronousSnapshots = false });
        var output = new Collector<StreamElement<string>>();
        using var _ = job.Subscribe(output);
        scheduler.AdvanceBy(TimeSpan.FromMilliseconds(3).Ticks);

        // Steps at 0 (a), 1 (b), 2 (a): the checkpoint at 3 ms - 1 tick falls after the third record.
        var checkpoint = storage.LoadLatest()!;
        Assert.Equal(1, checkpoint.CheckpointId);
        Assert.Equal(["WithEventTime#1", "counts", "letters"], checkpoint.Operators.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(3, new RxStreams.State.StateReader(checkpoint.Operators["letters"].OperatorState.Single().Data.Span).ReadVarInt64());
        var counts = checkpoint.Operators["counts"];
        Assert.Equal("value state i64", counts.Schema["s:count"]);
        Assert.Equal("string", counts.Schema["key"]);
        var watermark = new RxStreams.State.StateReader(counts.OperatorState.Single().Data.Span).ReadInt64();
        Assert.Equal(980, watermark); // monotonous timestamps: b at 980 is the highest so far
        Assert.Equal(watermark, new RxStreams.State.StateReader(checkpoint.Operators["WithEventTime#1"].OperatorState.Single().Data.Span).ReadInt64());
        Assert.Equal(2, counts.KeyedState.Count);
    }

    internal static List<string> Run(IReadOnlyList<(string Key, long Time)> events, int? failAt, out CheckpointStatistics statistics)
    {
        var scheduler = new TestScheduler();
        var failures = new FailOnce(failAt);
        var job = StreamJob.Create(
            () => ReplayableSource.FromList(events, "events", OneRecordPerMs)
                .WithEventTime(e => e.Time, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(5)))
                .KeyBy(e => e.Key)
                .Process(() => new SessionCountFunction(failures)),
            new CheckpointOptions
            {
                Scheduler = scheduler,
                Interval = TimeSpan.FromMilliseconds(10),
                AsynchronousSnapshots = false,
                RestartStrategy = RestartStrategy.FixedDelay(3, TimeSpan.FromMilliseconds(2)),
            });
        var output = new Collector<StreamElement<string>>();
        using var _ = job.Subscribe(output);
        scheduler.AdvanceBy(TimeSpan.FromSeconds(10).Ticks);
        Assert.True(output.Completed, output.Error?.ToString());
        statistics = job.Checkpoints;
        return output.Items.Where(e => e.IsRecord).Select(e => e.ToString()).ToList();
    }

    internal static List<(string Key, long Time)> Events(int count, int keys, int seed)
    {
        var random = new Random(seed);
        var events = new List<(string, long)>(count);
        for (var i = 0; i < count; i++)
        {
            events.Add(("k" + random.Next(keys), (i * 3) + random.Next(6)));
        }

        return events;
    }

    /// <summary>Throws on the n-th record it sees over all attempts, once.</summary>
    internal sealed class FailOnce(int? at)
    {
        private int _seen;

        public void Check()
        {
            if (++_seen == at)
            {
                throw new InvalidOperationException("injected failure");
            }
        }
    }

    /// <summary>Counts records per key and emits the count when a key has been silent for 20 ms of event time.</summary>
    internal sealed class SessionCountFunction(FailOnce failures) : KeyedProcessFunction<string, (string Key, long Time), string>
    {
        private ValueState<long> _count = null!;
        private ValueState<long> _timer = null!;

        public override void Open(RuntimeContext context)
        {
            _count = context.GetState(new ValueStateDescriptor<long>("count"));
            _timer = context.GetState(new ValueStateDescriptor<long>("timer"));
        }

        public override void ProcessElement((string Key, long Time) value, KeyedProcessContext<string, string> context)
        {
            failures.Check();
            _count.Value++;
            if (_timer.TryGetValue(out var previous))
            {
                context.TimerService.DeleteEventTimeTimer(previous);
            }

            _timer.Value = value.Time + 20;
            context.TimerService.RegisterEventTimeTimer(value.Time + 20);
        }

        public override void OnTimer(long timestamp, KeyedProcessContext<string, string> context)
        {
            context.Collect($"{context.Key}:{_count.Value}");
            _count.Clear();
            _timer.Clear();
        }
    }

    private sealed class CountAndTimer : KeyedProcessFunction<string, string, string>
    {
        private ValueState<long> _count = null!;

        public override void Open(RuntimeContext context) => _count = context.GetState(new ValueStateDescriptor<long>("count"));

        public override void ProcessElement(string value, KeyedProcessContext<string, string> context)
        {
            _count.Value++;
            context.TimerService.RegisterEventTimeTimer(context.Timestamp + 100);
        }
    }
}
