using System.Reactive.Subjects;
using System.Reflection;
using RxStreams.Testing;
using RxStreams.Windows.Triggers;
using static RxStreams.Tests.Windows.WindowHarness;
using CountTrigger = RxStreams.Tests.Readme.ReadmeExamples.CountTrigger; // Flink's CountTrigger with a reducing state, as the README shows it

namespace RxStreams.Tests.Windows;

/// <summary>
/// Typed per-window trigger state (Flink's partitioned trigger state): value and reducing states by name, merged by
/// their reduce function when session windows merge, dropped with the window.
/// </summary>
public class PartitionedTriggerStateTest
{
    /// <summary>
    /// Fires when a window's records span at least <c>span</c> ms of event time: the earliest and latest timestamps are
    /// two reducing states, merged by Min and Max (a sum, the default of the one-number state, would be wrong).
    /// </summary>
    private sealed class SpanTrigger(long span) : WindowTrigger
    {
        private static readonly ReducingStateDescriptor<long> First = new("first", Math.Min);
        private static readonly ReducingStateDescriptor<long> Last = new("last", Math.Max);

        public override TriggerResult OnElement(long timestamp, TimeWindow window, ITriggerContext context)
        {
            var first = context.GetPartitionedState(First);
            var last = context.GetPartitionedState(Last);
            first.Add(timestamp);
            last.Add(timestamp);
            if (last.Value - first.Value < span)
            {
                return TriggerResult.Continue;
            }

            first.Clear();
            last.Clear();
            return TriggerResult.FireAndPurge;
        }

        public override void OnMerge(TimeWindow window, ITriggerContext context)
        {
            context.MergePartitionedState(First);
            context.MergePartitionedState(Last);
        }
    }

    /// <summary>Fires at a record whose timestamp repeats the previous record's: a value state of another default than 0.</summary>
    private sealed class RepeatTrigger : WindowTrigger
    {
        private static readonly ValueStateDescriptor<long> Previous = new("previous", long.MinValue);

        public override TriggerResult OnElement(long timestamp, TimeWindow window, ITriggerContext context)
        {
            var previous = context.GetPartitionedState(Previous);
            if (previous.Value == timestamp)
            {
                return TriggerResult.Fire;
            }

            previous.Value = timestamp;
            return TriggerResult.Continue;
        }
    }

    /// <summary>
    /// Flink's <c>CountTriggerTest.testMergingWindows</c>, through the operator: session windows of gap 2 ms and a count
    /// of 3 in a reducing state. a@0 and a@3 open [0,2) and [3,5), one record each; a@2 bridges them into [0,5), whose
    /// merged count 2 its own record makes 3: it fires, and clears the count. a@10, a@11, a@12 merge twice, into
    /// [10,14), counting 1, 2, 3. b's count stays 1 until its window is freed.
    /// </summary>
    [Fact]
    public void FlinksCountTriggerMergesItsReducingStateAcrossSessions()
    {
        var input = new Subject<StreamElement<string>>();
        var output = input.KeyBy(K).Window(EventTimeSessionWindows.WithGap(Ms(2))).Trigger(new CountTrigger(3)).Count();
        var elements = new List<StreamElement<WindowResult<string, long>>>();
        using var subscription = output.Subscribe(elements.Add);
        var states = TriggerStatesOf(subscription);
        Push(input, "a@0 a@3 b@1");
        Assert.Equal(3, states.Count);
        Push(input, "a@2");
        Assert.Equal(1, states.Count); // the merged-away sessions' counts are gone, and the fired one cleared
        Push(input, "a@10 a@11 a@12");
        Assert.Equal("a[0,5)=3~early@4 a[10,14)=3~early@13", StreamDescription.Format(elements));
        Assert.Equal(1, states.Count);
        Push(input, "W100");
        Assert.Equal(0, states.Count); // b's count went with its window
        Assert.Equal("a[0,5)=3~early@4 a[10,14)=3~early@13 W100", StreamDescription.Format(elements));
    }

    [Fact]
    public void TwoReducingStatesMergeEachWithItsOwnFunction()
    {
        // a@1 [1,4) and a@3 merge into [1,6) (1..3); a@8 opens [8,11); a@6 bridges both into [1,11): first = min(1, 8),
        // last = max(3, 8), so the span 1..8 reaches 5 and the window fires its 4 records.
        Assert.Equal(
            "a[1,11)=4~early@10 W100 Wmax",
            Run("a@1 a@3 a@8 a@6 W100", s => s.KeyBy(K).Window(EventTimeSessionWindows.WithGap(Ms(3))).Trigger(new SpanTrigger(5)).Count()));
    }

    [Fact]
    public void AValueStateKeepsItsDefaultUntilSetPerWindow()
    {
        Assert.Equal(
            "a[0,10)=3~early@9 a[10,20)=2~early@19 W20 Wmax",
            Run("a@1 a@2 b@2 a@2 a@12 b@12 a@12 W20", s => s.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(10))).Trigger(new RepeatTrigger()).Count()));
    }

    [Fact]
    public void TypedStateSurvivesAPurgeInsideTheBuiltInModifiers()
    {
        // Purging() drops the contents at each firing, not the trigger's state (Flink's PURGE clears contents only): the
        // third a@1 still finds the previous timestamp 1, and fires the one record since the purge.
        Assert.Equal(
            "a[0,100)=2~early@99 a[0,100)=1~early#1@99 W100 Wmax",
            Run("a@1 a@1 a@1 W100", s => s.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(100))).Trigger(new RepeatTrigger().Purging()).Count()));
    }

    [Fact]
    public void AValueStateDoesNotMergeAndGoesWithTheMergedAwaySessions()
    {
        // a@5 and a@20 keep their timestamps in [5,15) and [20,30); a@12 bridges them into [5,30), where only its own
        // timestamp is kept; at the end the freed window takes it along.
        var input = new Subject<StreamElement<string>>();
        var elements = new List<StreamElement<WindowResult<string, long>>>();
        using var subscription = input.KeyBy(K).Window(EventTimeSessionWindows.WithGap(Ms(10))).Trigger(new RepeatTrigger()).Count().Subscribe(elements.Add);
        var states = TriggerStatesOf(subscription);
        Push(input, "a@5 a@20");
        Assert.Equal(2, states.Count);
        Push(input, "a@12");
        Assert.Equal(1, states.Count);
        Push(input, "a@12 W100");
        Assert.Equal("a[5,30)=4~early@29 W100", StreamDescription.Format(elements));
        Assert.Equal(0, states.Count);
    }

    [Fact]
    public void MergingOutsideOnMergeFailsNamingTheState()
    {
        var run = Collect("a@1", s => s.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(10))).Trigger(new MergesOnElement()).Count());
        var error = Assert.IsType<StreamOperatorException>(run.Error);
        var inner = Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Equal(
            "Trigger state 'count' of window operator 'WindowCount' can only be merged in WindowTrigger.OnMerge, when session windows merge.",
            inner.Message);
    }

    [Fact]
    public void OneNameOfTwoKindsFailsNamingBoth()
    {
        var run = Collect("a@1", s => s.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(10))).Trigger(new TwoKindsOfOneName()).Count());
        var inner = Assert.IsType<InvalidOperationException>(Assert.IsType<StreamOperatorException>(run.Error).InnerException);
        Assert.Equal(
            "Window operator 'WindowCount' declares trigger state 'x' twice: as value state i64 and as reducing state of Int64. State names must be unique within a trigger.",
            inner.Message);
    }

    [Fact]
    public void AStateWithATimeToLiveIsRefused()
    {
        var run = Collect("a@1", s => s.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(10))).Trigger(new WithTtl()).Count());
        var inner = Assert.IsType<ArgumentException>(Assert.IsType<StreamOperatorException>(run.Error).InnerException);
        Assert.StartsWith("Trigger state 'ttl' of window operator 'WindowCount' has a time to live; trigger state lives as long as its window instead.", inner.Message, StringComparison.Ordinal);
        Assert.Equal("descriptor", inner.ParamName);
    }

    /// <summary>
    /// Neither the built-in count trigger (its one number in the window entry) nor a typed reducing state allocates per
    /// record once its windows exist: both run 3,000 records of 3 keys into global windows without a byte allocated.
    /// </summary>
    [Fact]
    public void CountingTriggersAllocateNothingPerRecord()
    {
        Assert.Equal(0, AllocatedPerRun(WindowTrigger.Count(3)));
        Assert.Equal(0, AllocatedPerRun(new CountTrigger(3)));
    }

    private static long AllocatedPerRun(WindowTrigger trigger)
    {
        var input = new Subject<StreamElement<int>>();
        var fired = 0L;
        using var subscription = input.KeyBy(i => i % 3).Window(GlobalWindows.Create()).Trigger(trigger).Count()
            .Subscribe(e => fired += e.IsRecord ? 1 : 0);
        void Push()
        {
            for (var i = 0; i < 3_000; i++)
            {
                input.OnNext(StreamElement.Record(i, i));
            }
        }

        Push();
        var before = GC.GetAllocatedBytesForCurrentThread();
        Push();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(1_998, fired); // each key fires at every third of its 2,000 records
        return allocated;
    }

    /// <summary>The operator's typed trigger states, as Flink's <c>TriggerTestHarness.numStateEntries</c> counts them.</summary>
    internal static TriggerStates<string> TriggerStatesOf(IDisposable subscription) =>
        (TriggerStates<string>)subscription.GetType().GetProperty("TriggerStates", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(subscription)!;

    private static void Push(Subject<StreamElement<string>> input, string elements)
    {
        foreach (var element in StreamDescription.Parse(elements))
        {
            input.OnNext(element);
        }
    }

    private sealed class MergesOnElement : WindowTrigger
    {
        public override TriggerResult OnElement(long timestamp, TimeWindow window, ITriggerContext context)
        {
            context.MergePartitionedState(new ReducingStateDescriptor<long>("count", (a, b) => a + b));
            return TriggerResult.Continue;
        }
    }

    private sealed class TwoKindsOfOneName : WindowTrigger
    {
        public override TriggerResult OnElement(long timestamp, TimeWindow window, ITriggerContext context)
        {
            context.GetPartitionedState(new ValueStateDescriptor<long>("x")).Update(timestamp);
            context.GetPartitionedState(new ReducingStateDescriptor<long>("x", (a, b) => a + b)).Add(timestamp);
            return TriggerResult.Continue;
        }
    }

    private sealed class WithTtl : WindowTrigger
    {
        public override TriggerResult OnElement(long timestamp, TimeWindow window, ITriggerContext context)
        {
            context.GetPartitionedState(new ValueStateDescriptor<long>("ttl") { Ttl = StateTtlConfig.OnProcessingTime(TimeSpan.FromSeconds(1)) });
            return TriggerResult.Continue;
        }
    }
}
