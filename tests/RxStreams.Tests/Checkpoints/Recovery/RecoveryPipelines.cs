namespace RxStreams.Tests.Checkpoints.Recovery;

/// <summary>Pipelines whose every output is distinct, so a de-duplicated output shows lost or changed results exactly.</summary>
internal static class RecoveryPipelines
{
    public const int Kinds = 4;

    private static readonly SourceOptions Paced = new() { RecordsPerStep = 1, Pace = TimeSpan.FromMilliseconds(1) };

    public static IObservable<StreamElement<string>> Build(int kind, Event[] first, Event[] second, long bound, FailurePlan plan) => kind switch
    {
        0 => Stamp(first, "events", bound)
            .Where(e => { plan.OnRecord(); return e.Value != 0; })
            .KeyBy(e => e.Key)
            .Process(() => new Sessions(plan)),
        1 => Stamp(first, "events", bound)
            .Select(e => { plan.OnRecord(); return e; })
            .KeyBy(e => e.Key)
            .Sum(e => e.Value)
            .Select(k => k.ToString()),
        2 => Stamp(first, "orders", bound)
            .Connect(Stamp(second, "payments", bound))
            .KeyBy(o => o.Key, p => p.Key)
            .Process(() => new Matching(plan)),
        _ => Stamp(first, "left", bound)
            .Union(Stamp(second, "right", bound))
            .Where(e => { plan.OnRecord(); return true; })
            .KeyBy(e => e.Key)
            .Process(() => new Sessions(plan)),
    };

    internal static IObservable<StreamElement<Event>> Stamp(Event[] events, string name, long bound) =>
        ReplayableSource.FromList(events, name, Paced).WithEventTime(e => e.Time, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(bound)));

    internal readonly record struct Event(string Key, long Time, int Value);

    /// <summary>Events in flight through an exchange are part of unaligned checkpoints: they need a serializer.</summary>
    internal sealed class EventSerializer : RxStreams.State.IStateSerializer<Event>
    {
        public static readonly EventSerializer Instance = new();

        public string Id => "test:event";

        public int Version => 1;

        /// <summary>Registers the serializer (idempotent).</summary>
        public static void Register() => RxStreams.State.StateSerializers.Register(Instance);

        public void Write(RxStreams.State.StateWriter writer, Event value)
        {
            writer.WriteString(value.Key);
            writer.WriteInt64(value.Time);
            writer.WriteInt32(value.Value);
        }

        public Event Read(ref RxStreams.State.StateReader reader) => new(reader.ReadString()!, reader.ReadInt64(), reader.ReadInt32());
    }

    /// <summary>
    /// Per key: a running sum, the values seen (list), counts per value (map), a sequence number; emits a line per
    /// record and a summary when the key has been silent for 15 ms of event time; the map has an event-time TTL.
    /// </summary>
    internal sealed class Sessions(FailurePlan plan) : KeyedProcessFunction<string, Event, string>
    {
        private ValueState<long> _sum = null!;
        private ValueState<int> _sequence = null!;
        private ValueState<long> _timer = null!;
        private ListState<int> _values = null!;
        private MapState<int, int> _counts = null!;

        public override void Open(RuntimeContext context)
        {
            plan.OnOpen();
            _sum = context.GetState(new ValueStateDescriptor<long>("sum"));
            _sequence = context.GetState(new ValueStateDescriptor<int>("sequence"));
            _timer = context.GetState(new ValueStateDescriptor<long>("timer"));
            _values = context.GetListState(new ListStateDescriptor<int>("values"));
            _counts = context.GetMapState(new MapStateDescriptor<int, int>("counts") { Ttl = StateTtlConfig.OnEventTime(TimeSpan.FromMilliseconds(40)) });
        }

        public override void ProcessElement(Event value, KeyedProcessContext<string, string> context)
        {
            _sum.Value += value.Value;
            _values.Add(value.Value);
            _counts.Put(value.Value, _counts.TryGetValue(value.Value, out var n) ? n + 1 : 1);
            _sequence.Value++;
            context.Collect($"{context.Key}#{_sequence.Value} sum={_sum.Value} late={value.Time < context.CurrentWatermark}");
            if (_timer.TryGetValue(out var previous))
            {
                context.TimerService.DeleteEventTimeTimer(previous);
            }

            _timer.Value = value.Time + 15;
            context.TimerService.RegisterEventTimeTimer(value.Time + 15);
        }

        public override void OnTimer(long timestamp, KeyedProcessContext<string, string> context)
        {
            _sequence.Value++;
            var distinct = _counts.Entries.Count;
            context.Collect($"{context.Key}#{_sequence.Value} session values=[{string.Join(",", _values.Values)}] distinct={distinct}");
            _values.Clear();
            _timer.Clear();
        }
    }

    private sealed class Matching(FailurePlan plan) : KeyedCoProcessFunction<string, Event, Event, string>
    {
        private ListState<long> _orders = null!;
        private ValueState<int> _sequence = null!;

        public override void Open(RuntimeContext context)
        {
            plan.OnOpen();
            _orders = context.GetListState(new ListStateDescriptor<long>("orders"));
            _sequence = context.GetState(new ValueStateDescriptor<int>("sequence"));
        }

        public override void ProcessElement1(Event value, KeyedProcessContext<string, string> context)
        {
            plan.OnRecord();
            _orders.Add(value.Time);
            context.TimerService.RegisterEventTimeTimer(value.Time + 30);
        }

        public override void ProcessElement2(Event value, KeyedProcessContext<string, string> context)
        {
            plan.OnRecord();
            _sequence.Value++;
            context.Collect($"{context.Key}#{_sequence.Value} paid {value.Value} for [{string.Join(",", _orders.Values)}]");
        }

        public override void OnTimer(long timestamp, KeyedProcessContext<string, string> context)
        {
            var kept = _orders.Values.Where(t => t + 30 > timestamp).ToList();
            _orders.Update(kept);
            _sequence.Value++;
            context.Collect($"{context.Key}#{_sequence.Value} expired at {timestamp}, {kept.Count} open");
        }
    }
}
