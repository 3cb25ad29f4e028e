using static RxStreams.Tests.Windows.WindowHarness;

namespace RxStreams.Tests.Windows;

/// <summary>A record that fails in a window is dead-lettered and leaves no trace in the window: one record, one outcome.</summary>
public class OneOutcomePerRecordTest
{
    private static string Describe(DeadLetter l) => $"{l.Operator} {l.Record}@{l.Timestamp}";

    [Fact]
    public void ARecordWhoseTriggerThrowsIsNotCountedInTheWindow()
    {
        var deadLetters = new DeadLetters();
        var letters = new List<DeadLetter>();
        using var _ = deadLetters.Subscribe(letters.Add);
        var run = Collect("a:1@1 a:0@2 a:3@3 W5", s => s.KeyBy(K, deadLetters: deadLetters)
            .Window(TumblingEventTimeWindows.Of(Ms(5))).Trigger(new ThrowingElementTrigger()).Count());
        Assert.Equal("a[0,5)=2@4 W5 Wmax", run.Text);
        Assert.Equal(["Trigger a:0@2"], letters.Select(Describe));
    }

    [Fact]
    public void TriggerStateChangedBeforeTheTriggerThrewIsRestored()
    {
        var deadLetters = new DeadLetters();
        var letters = new List<DeadLetter>();
        using var _ = deadLetters.Subscribe(letters.Add);
        var run = Collect("a:1@1 a:0@2 a:3@3 a:4@4 W5", s => s.KeyBy(K, deadLetters: deadLetters)
            .Window(TumblingEventTimeWindows.Of(Ms(5))).Trigger(new ThrowingElementTrigger(fireEvery: 2))
            .Process((_, _, records) => string.Join("+", records.Select(V))));
        Assert.Equal("a[0,5)=1+3~early@4 W5 Wmax", run.Text);
        Assert.Equal(["Trigger a:0@2"], letters.Select(Describe));
    }

    [Fact]
    public void AnAddThatChangesAValueTypeAccumulatorAndThrowsLeavesNoPartialUpdate()
    {
        var deadLetters = new DeadLetters();
        var letters = new List<DeadLetter>();
        using var _ = deadLetters.Subscribe(letters.Add);
        var run = Collect("a:1@1 a:0@2 a:3@3 W5", s => s.KeyBy(K, deadLetters: deadLetters)
            .Window(TumblingEventTimeWindows.Of(Ms(5))).Aggregate(new CountThenSum()));
        Assert.Equal("a[0,5)=4/2@4 W5 Wmax", run.Text);
        Assert.Equal(["WindowAggregate a:0@2"], letters.Select(Describe));
    }

    /// <summary>Counts records in its state, fires every <c>fireEvery</c> records (at the window end when 0), and throws on the record at 2 after counting it.</summary>
    private sealed class ThrowingElementTrigger(int fireEvery = 0) : WindowTrigger
    {
        public override TriggerResult OnElement(long timestamp, TimeWindow window, ITriggerContext context)
        {
            ref var seen = ref context.State;
            seen++;
            if (timestamp == 2)
            {
                throw new InvalidOperationException("trigger");
            }

            context.RegisterEventTimeTimer(window.End);
            if (fireEvery > 0 && seen == fireEvery)
            {
                seen = 0;
                return TriggerResult.Fire;
            }

            return TriggerResult.Continue;
        }

        public override TriggerResult OnEventTime(long time, TimeWindow window, ITriggerContext context) =>
            fireEvery == 0 && time == window.End ? TriggerResult.Fire : TriggerResult.Continue;
    }

    /// <summary>Sums and counts "key:n" records; counts a 0 first, then throws on it.</summary>
    private sealed class CountThenSum : IAggregateFunction<string, (int Sum, int Count), string>
    {
        public (int Sum, int Count) CreateAccumulator() => default;

        public void Add(ref (int Sum, int Count) accumulator, string value)
        {
            accumulator.Count++;
            accumulator.Sum += V(value) == 0 ? throw new InvalidOperationException("add") : V(value);
        }

        public string GetResult(in (int Sum, int Count) accumulator) => $"{accumulator.Sum}/{accumulator.Count}";

        public (int Sum, int Count) Merge((int Sum, int Count) a, (int Sum, int Count) b) => (a.Sum + b.Sum, a.Count + b.Count);
    }
}
