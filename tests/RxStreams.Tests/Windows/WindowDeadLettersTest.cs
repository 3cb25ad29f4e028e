using static RxStreams.Tests.Windows.WindowHarness;

namespace RxStreams.Tests.Windows;

/// <summary>
/// A failure that belongs to a whole window (its function, its trigger's timer, a session merge) dead-letters the
/// window's records, or for aggregated windows its key, window and accumulator: nothing is lost.
/// </summary>
public class WindowDeadLettersTest
{
    private static string Describe(DeadLetter l) => $"{l.Operator} {l.Record}@{l.Timestamp}";

    private static string Sum(IReadOnlyList<string> records) => string.Join("+", records.Select(V));

    [Fact]
    public void AThrowingProcessDeadLettersEveryRecordOfTheWindow()
    {
        var deadLetters = new DeadLetters();
        var letters = new List<DeadLetter>();
        using var _ = deadLetters.Subscribe(letters.Add);
        var counters = new WindowCounters();
        var run = Collect("a:1@1 a:2@2 b:3@3 W5 a:4@6 W10", s => s.KeyBy(K, deadLetters: deadLetters)
            .Window(TumblingEventTimeWindows.Of(Ms(5))).WithCounters(counters)
            .Process((key, window, records) => key == "a" && window.Start == 0 ? throw new InvalidOperationException("nope") : Sum(records)));
        Assert.Equal("b[0,5)=3@4 W5 a[5,10)=4@9 W10 Wmax", run.Text);
        Assert.Equal(["WindowProcess a:1@1", "WindowProcess a:2@2"], letters.Select(Describe));
        Assert.All(letters, l => Assert.Equal(("a", new TimeWindow(0, 5), "nope"), (l.Key, l.Window, l.Error.Message)));
        Assert.Equal(0, counters.LiveWindows);
    }

    [Fact]
    public void AThrowingTimerOfTheTriggerDeadLettersTheWindowsRecords()
    {
        var deadLetters = new DeadLetters();
        var letters = new List<DeadLetter>();
        using var _ = deadLetters.Subscribe(letters.Add);
        var run = Collect("a:1@1 a:2@6 a:3@7 a:4@12 W20", s => s.KeyBy(K, deadLetters: deadLetters)
            .Window(TumblingEventTimeWindows.Of(Ms(5))).Trigger(new ThrowingTimerTrigger()).Process((_, _, records) => Sum(records)));
        Assert.Equal("a[0,5)=1@4 a[10,15)=4@14 W20 Wmax", run.Text);
        Assert.Equal(["Trigger a:2@6", "Trigger a:3@7"], letters.Select(Describe));
        Assert.All(letters, l => Assert.Equal(("a", new TimeWindow(5, 10), (object?)null), (l.Key, l.Window, l.Accumulator)));
        Assert.Equal("Trigger failed on record 'a:2' for key 'a' in window [5,10) at timestamp 6: timer", letters[0].ToString());
    }

    [Fact]
    public void AFailingSessionMergeDeadLettersTheMergedSessionsAndTheBridgingRecord()
    {
        var deadLetters = new DeadLetters();
        var letters = new List<DeadLetter>();
        using var _ = deadLetters.Subscribe(letters.Add);
        var counters = new WindowCounters();
        var run = Collect("a:1@1 a:2@8 a:3@5 a:4@30 W40", s => s.KeyBy(K, deadLetters: deadLetters)
            .Window(EventTimeSessionWindows.WithGap(Ms(5))).Trigger(new ThrowingMergeTrigger()).WithCounters(counters)
            .Process((_, _, records) => Sum(records)));
        Assert.Equal("a[30,35)=4@34 W40 Wmax", run.Text);
        Assert.Equal(["Trigger a:1@1", "Trigger a:2@8", "Trigger a:3@5"], letters.Select(Describe));
        Assert.All(letters, l => Assert.Equal(("a", new TimeWindow(1, 13), "merge"), (l.Key, l.Window, l.Error.Message)));
        Assert.Equal(0, counters.LiveWindows);
    }

    /// <summary>The event-time trigger, except that the timer of any window starting at 5 throws.</summary>
    private sealed class ThrowingTimerTrigger : WindowTrigger
    {
        public override TriggerResult OnElement(long timestamp, TimeWindow window, ITriggerContext context)
        {
            context.RegisterEventTimeTimer(window.End);
            return TriggerResult.Continue;
        }

        public override TriggerResult OnEventTime(long time, TimeWindow window, ITriggerContext context) =>
            window.Start == 5 ? throw new InvalidOperationException("timer") : time == window.End ? TriggerResult.Fire : TriggerResult.Continue;
    }

    /// <summary>The event-time trigger, except that merging sessions throws.</summary>
    private sealed class ThrowingMergeTrigger : WindowTrigger
    {
        public override TriggerResult OnElement(long timestamp, TimeWindow window, ITriggerContext context)
        {
            context.RegisterEventTimeTimer(window.End);
            return TriggerResult.Continue;
        }

        public override TriggerResult OnEventTime(long time, TimeWindow window, ITriggerContext context) =>
            time == window.End ? TriggerResult.Fire : TriggerResult.Continue;

        public override void OnMerge(TimeWindow window, ITriggerContext context) => throw new InvalidOperationException("merge");
    }
}
