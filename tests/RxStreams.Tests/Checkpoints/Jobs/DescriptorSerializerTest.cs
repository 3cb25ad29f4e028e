using Microsoft.Reactive.Testing;
using RxStreams.State;

namespace RxStreams.Tests.Checkpoints.Jobs;

public class DescriptorSerializerTest
{
    [Fact]
    public void AStateDescriptorCanBringItsOwnSerializerForATypeNobodyRegistered()
    {
        var events = StreamJobTest.Events(120, keys: 4, seed: 8);
        List<string> Run(int? failAt, out CheckpointStatistics statistics)
        {
            var failures = new StreamJobTest.FailOnce(failAt);
            return JobCompositionTest.RunJob(
                _ => ReplayableSource.FromList(events, "events", new SourceOptions { RecordsPerStep = 1, Pace = TimeSpan.FromMilliseconds(1) })
                    .WithEventTime(e => e.Time, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(5)))
                    .KeyBy(e => e.Key)
                    .Process(() => new Extremes(failures, withSerializers: true)),
                out statistics);
        }

        var expected = Run(null, out _);
        var actual = Run(77, out var statistics);
        Assert.Equal(1, statistics.Restarts);
        Assert.True(statistics.RestoredFromId > 0);
        Assert.Equal(expected, actual.Distinct().ToList());
    }

    [Fact]
    public void WithoutOneTheJobFailsAtStartNamingTheState()
    {
        var scheduler = new TestScheduler();
        var job = StreamJob.Create(
            () => ReplayableSource.FromList(new[] { ("a", 1L) }, "events")
                .WithEventTime(e => e.Item2, WatermarkStrategy.NoWatermarks())
                .KeyBy(e => e.Item1)
                .Process(() => new Extremes(new StreamJobTest.FailOnce(null), withSerializers: false)),
            new CheckpointOptions { Scheduler = scheduler });
        var output = new Collector<StreamElement<string>>();
        using var _ = job.Subscribe(output);
        scheduler.AdvanceBy(1);
        var error = Assert.IsType<StateSerializationException>(output.Error);
        Assert.Contains("state 'lowest' of operator 'Process'", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A type without a registered serializer.</summary>
    private sealed record Point(long Time, int Count);

    private sealed class PointSerializer : IStateSerializer<Point>
    {
        public string Id => "test:point";

        public int Version => 1;

        public void Write(StateWriter writer, Point value)
        {
            writer.WriteInt64(value.Time);
            writer.WriteInt32(value.Count);
        }

        public Point Read(ref StateReader reader) => new(reader.ReadInt64(), reader.ReadInt32());
    }

    /// <summary>Keeps a key's lowest time seen (a Point) and how often each time's parity came (a map of Points), emitting both per record.</summary>
    private sealed class Extremes(StreamJobTest.FailOnce failures, bool withSerializers) : KeyedProcessFunction<string, (string Key, long Time), string>
    {
        private ValueState<Point> _lowest = null!;
        private MapState<int, Point> _parity = null!;

        public override void Open(RuntimeContext context)
        {
            _lowest = context.GetState(new ValueStateDescriptor<Point>("lowest") { Serializer = withSerializers ? new PointSerializer() : null });
            _parity = context.GetMapState(new MapStateDescriptor<int, Point>("parity") { ValueSerializer = withSerializers ? new PointSerializer() : null });
        }

        public override void ProcessElement((string Key, long Time) value, KeyedProcessContext<string, string> context)
        {
            failures.Check();
            if (!_lowest.TryGetValue(out var lowest) || value.Time < lowest.Time)
            {
                _lowest.Update(new Point(value.Time, 1));
            }

            var parity = (int)(value.Time % 2);
            _parity.Put(parity, _parity.TryGetValue(parity, out var seen) ? seen with { Count = seen.Count + 1, Time = value.Time } : new Point(value.Time, 1));
            context.Collect($"{context.Key} lowest {_lowest.Value.Time} parity {parity}: {_parity.Entries[parity].Count}");
        }
    }
}
