using Microsoft.Reactive.Testing;
using RxStreams.Checkpoints;
using RxStreams.State;
using RxStreams.Tests.Checkpoints.Jobs;

namespace RxStreams.Tests.Checkpoints.Windows;

/// <summary>What a window operator's checkpoint holds, and how a restore uses it or refuses it.</summary>
public class WindowCheckpointTest
{
    private static readonly SourceOptions OneRecordPerMs = new() { RecordsPerStep = 1, Pace = TimeSpan.FromMilliseconds(1) };

    private static readonly Ev[] Events =
    [
        new("a", 1, 1), new("a", 3, 2), new("b", 4, 3), new("a", 12, 4), new("b", 15, 5), new("a", 25, 6),
    ];

    [Fact]
    public void ACheckpointTakenMidWindowRestoresIntoTheSamePendingFirings()
    {
        var storage = new InMemoryCheckpointStorage();
        var scheduler = new TestScheduler();
        var first = StreamJob.Create(() => CountPipeline(), Options(scheduler, storage));
        var firstOutput = new Collector<StreamElement<string>>();
        using (first.Subscribe(firstOutput))
        {
            // Steps at 0, 1, 2 ms read a@1, a@3, b@4; the checkpoint just before 3 ms falls after them, mid-window.
            scheduler.AdvanceBy(TimeSpan.FromMilliseconds(3).Ticks);
        }

        Assert.Empty(firstOutput.Items.Where(e => e.IsRecord));
        var checkpoint = storage.LoadLatest()!;
        Assert.Equal(1, checkpoint.CheckpointId);
        var window = checkpoint.Operators["w"];
        Assert.Equal("string", window.Schema["key"]);
        Assert.Equal("CountFunction i64", window.Schema["w:contents"]);
        Assert.Equal(4, new StateReader(window.OperatorState.Single().Data.Span).ReadInt64());

        // A new job restored from it reads a@12, b@15, a@25 and fires the windows the checkpoint left pending, in the
        // order their timers were registered, with the counts of the records before the checkpoint.
        var restoredScheduler = new TestScheduler();
        var restored = StreamJob.Create(() => CountPipeline(), Options(restoredScheduler, storage) with { RestoreFrom = checkpoint });
        var output = new Collector<StreamElement<string>>();
        using (restored.Subscribe(output))
        {
            restoredScheduler.AdvanceBy(TimeSpan.FromSeconds(1).Ticks);
        }

        Assert.True(output.Completed, output.Error?.ToString());
        Assert.Equal(1, restored.Checkpoints.RestoredFromId);
        Assert.Equal(
            ["a[0,10)=2@9", "b[0,10)=1@9", "a[10,20)=1@19", "b[10,20)=1@19", "a[20,30)=1@29"],
            output.Items.Where(e => e.IsRecord).Select(e => e.ToString()));
        Assert.Equal(output.Items.Where(e => e.IsRecord).Select(e => e.ToString()), RecoveryHarness.Run((_, _) => CountPipeline(), null, out _));
    }

    /// <summary>
    /// Flink's <c>CountTrigger</c> with its count in a reducing state, on global windows of keys a and b: the checkpoint
    /// after a@1, a@3, b@4 holds a's count 2 and b's 1, so the restored job fires a at its third record, a@12, as the
    /// run without failure does; a job that lost the counts would wait for three more.
    /// </summary>
    [Fact]
    public void TypedTriggerStateIsCheckpointedAndRestored()
    {
        var storage = CheckpointAfterThreeRecords(() => TypedCountPipeline());

        var checkpoint = storage.LoadLatest()!;
        Assert.Equal("reducing state i64", checkpoint.Operators["w"].Schema["w:trigger:count"]);

        var output = RunRestored(() => TypedCountPipeline(), storage);

        Assert.True(output.Completed, output.Error?.ToString());
        Assert.Equal(["a[global)=3@9223372036854775807"], output.Items.Where(e => e.IsRecord).Select(e => e.ToString()));
        Assert.Equal(output.Items.Where(e => e.IsRecord).Select(e => e.ToString()), RecoveryHarness.Run((_, _) => TypedCountPipeline(), null, out _));
    }

    /// <summary>
    /// A process window function's global state (a running count per key) across a restore: windows of 2 ms; the
    /// checkpoint after a@1, a@3, b@4 holds a's total 2 (windows [0,2) and [2,4) fired), so the restored job's later
    /// windows of a count on from it, as the run without failure does.
    /// </summary>
    [Fact]
    public void AProcessWindowFunctionsGlobalStateIsCheckpointedAndRestored()
    {
        var storage = CheckpointAfterThreeRecords(() => RunningTotalPipeline());

        var checkpoint = storage.LoadLatest()!;
        Assert.Equal("value state i64", checkpoint.Operators["w"].Schema["s:total"]);

        var output = RunRestored(() => RunningTotalPipeline(), storage);

        Assert.True(output.Completed, output.Error?.ToString());
        Assert.Equal(
            ["b[4,6)=1 of 1@5", "a[12,14)=1 of 3@13", "b[14,16)=1 of 2@15", "a[24,26)=1 of 4@25"],
            output.Items.Where(e => e.IsRecord).Select(e => e.ToString()));
        Assert.Equal(
            ["a[0,2)=1 of 1@1", "a[2,4)=1 of 2@3", .. output.Items.Where(e => e.IsRecord).Select(e => e.ToString())],
            RecoveryHarness.Run((_, _) => RunningTotalPipeline(), null, out _));
    }

    [Fact]
    public void RestoringGlobalStateThatOpenDoesNotDeclareFailsNamingIt()
    {
        var storage = CheckpointAfterThreeRecords(() => RunningTotalPipeline());

        var output = RunRestored(
            () => Source().KeyBy(e => e.Key).Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(2))).Process(new RunningTotal(declare: false)).Uid("w").Select(r => r.ToString()),
            storage);

        var error = Assert.IsType<CheckpointRestoreException>(output.Error);
        Assert.Equal(
            "The checkpoint holds state 'total' (value state i64) of operator 'WindowProcess' (uid 'w'), which the function does not declare in Open.",
            error.Message);
    }

    [Fact]
    public void RestoringTypedTriggerStateAsAnotherTypeFailsNamingBoth()
    {
        var storage = CheckpointAfterThreeRecords(() => TypedCountPipeline());

        var output = RunRestored(
            () => Source().KeyBy(e => e.Key).Window(GlobalWindows.Create()).Trigger(new IntCountTrigger()).Count().Uid("w").Select(r => r.ToString()), storage);

        var error = Assert.IsType<CheckpointRestoreException>(Assert.IsType<StreamOperatorException>(output.Error).InnerException);
        Assert.Equal(
            "Trigger state 'count' of window operator 'WindowCount' was written as 'reducing state i64' and is declared as 'value state i32': " +
            "a changed state kind or type cannot be read back; keep the old declaration or give the state a new name.",
            error.Message);
    }

    [Fact]
    public void RestoringTypedTriggerStateIntoTheEventTimeTriggerFailsNamingIt()
    {
        var storage = CheckpointAfterThreeRecords(() => TypedCountPipeline());

        var output = RunRestored(
            () => Source().KeyBy(e => e.Key).Window(GlobalWindows.Create()).Trigger(WindowTrigger.EventTime()).Count().Uid("w").Select(r => r.ToString()), storage);

        var error = Assert.IsType<CheckpointRestoreException>(output.Error);
        Assert.Equal(
            "Window operator 'WindowCount' (uid 'w') cannot restore the trigger state 'count': " +
            "the checkpoint was written with a custom trigger, and this window has the event-time trigger, which keeps none.",
            error.Message);
    }

    [Fact]
    public void RestoringIntoAWindowWithADifferentAggregateFailsNamingBoth()
    {
        var storage = CheckpointAfterThreeRecords(() => CountPipeline());

        var output = RunRestored(
            () => Source().KeyBy(e => e.Key).Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(10))).Sum(e => (long)e.Value).Uid("w"), storage);

        var error = Assert.IsType<CheckpointRestoreException>(output.Error);
        Assert.Equal(
            "The window function and its accumulator of window operator 'WindowSum' (uid 'w') was written as 'CountFunction i64' and is now 'SumFunction i64': " +
            "a window's state cannot be restored into a different window function or accumulator type.",
            error.Message);
        Assert.Empty(output.Items.Where(e => e.IsRecord));
    }

    [Fact]
    public void RestoringSessionWindowsIntoTumblingWindowsFailsNamingTheSection()
    {
        var storage = CheckpointAfterThreeRecords(
            () => Source().KeyBy(e => e.Key).Window(EventTimeSessionWindows.WithGap(TimeSpan.FromMilliseconds(10))).Count().Uid("w"));

        var output = RunRestored(() => CountPipeline(), storage);

        var error = Assert.IsType<CheckpointRestoreException>(output.Error);
        Assert.StartsWith("Window operator 'WindowCount' (uid 'w') cannot restore the section 'w:sessions' of key group ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("the checkpoint was written by a window of another kind (sliced panes, sessions) than this one.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AWindowWhoseContentsHaveNoSerializerFailsAtStartNamingTheOperator()
    {
        var scheduler = new TestScheduler();
        var job = StreamJob.Create(
            () => ReplayableSource.FromList(new[] { new Opaque(1) }).WithEventTime(v => (long)v.Value, WatermarkStrategy.NoWatermarks())
                .KeyBy(v => v.Value % 2).Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(1))).MaxBy(v => v.Value),
            new CheckpointOptions { Scheduler = scheduler });
        var output = new Collector<StreamElement<WindowResult<int, Opaque>>>();
        using var _ = job.Subscribe(output);
        scheduler.AdvanceBy(TimeSpan.FromSeconds(1).Ticks);

        var error = Assert.IsType<StateSerializationException>(output.Error);
        Assert.StartsWith(
            "No state serializer for the window contents of operator 'WindowMaxBy', of type 'RxStreams.Keyed.Aggregates.ExtremumAccumulator<RxStreams.Tests.Checkpoints.Windows.WindowCheckpointTest.Opaque,System.Int32>': " +
            "it contains 'RxStreams.Tests.Checkpoints.Windows.WindowCheckpointTest.Opaque'",
            error.Message,
            StringComparison.Ordinal);
    }

    private static IObservable<StreamElement<Ev>> Source() =>
        ReplayableSource.FromList(Events, "events", OneRecordPerMs).WithEventTime(e => e.Time, WatermarkStrategy.ForMonotonousTimestamps());

    private static IObservable<StreamElement<string>> CountPipeline() =>
        Source().KeyBy(e => e.Key).Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(10))).Count().Uid("w").Select(r => r.ToString());

    private static IObservable<StreamElement<string>> TypedCountPipeline() =>
        Source().KeyBy(e => e.Key).Window(GlobalWindows.Create()).Trigger(new RxStreams.Tests.Readme.ReadmeExamples.CountTrigger(3))
            .Count().Uid("w").Select(r => r.ToString());

    private static IObservable<StreamElement<string>> RunningTotalPipeline() =>
        Source().KeyBy(e => e.Key).Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(2))).Process(new RunningTotal()).Uid("w").Select(r => r.ToString());

    /// <summary>Counts each key's records across its windows in the global state.</summary>
    private sealed class RunningTotal(bool declare = true) : ProcessWindowFunction<string, Ev, string, System.Reactive.Unit>
    {
        private static readonly ValueStateDescriptor<long> Total = new("total");

        public override void Open(RuntimeContext context)
        {
            if (declare)
            {
                context.GetState(Total);
            }
        }

        public override void Process(IReadOnlyList<Ev> elements, ProcessWindowContext<string, string, System.Reactive.Unit> context)
        {
            var total = context.GlobalState.GetState(Total);
            total.Value += elements.Count;
            context.Collect($"{elements.Count} of {total.Value}");
        }
    }

    /// <summary>Counts in a value state of another type under the same name as the README's <c>CountTrigger</c>.</summary>
    private sealed class IntCountTrigger : WindowTrigger
    {
        public override TriggerResult OnElement(long timestamp, TimeWindow window, ITriggerContext context)
        {
            var count = context.GetPartitionedState(new ValueStateDescriptor<int>("count"));
            count.Value++;
            return TriggerResult.Continue;
        }
    }

    /// <summary>Runs <paramref name="pipeline"/> for 3 ms: it reads a@1, a@3, b@4, and its checkpoint falls just after them.</summary>
    private static InMemoryCheckpointStorage CheckpointAfterThreeRecords<T>(Func<IObservable<StreamElement<T>>> pipeline)
    {
        var storage = new InMemoryCheckpointStorage();
        var scheduler = new TestScheduler();
        using (StreamJob.Create(pipeline, Options(scheduler, storage)).Subscribe(new Collector<StreamElement<T>>()))
        {
            scheduler.AdvanceBy(TimeSpan.FromMilliseconds(3).Ticks);
        }

        return storage;
    }

    /// <summary>Runs <paramref name="pipeline"/> restored from the latest checkpoint of <paramref name="storage"/> until its input ends.</summary>
    private static Collector<StreamElement<T>> RunRestored<T>(Func<IObservable<StreamElement<T>>> pipeline, InMemoryCheckpointStorage storage)
    {
        var scheduler = new TestScheduler();
        var output = new Collector<StreamElement<T>>();
        using (StreamJob.Create(pipeline, Options(scheduler, storage) with { RestoreFrom = storage.LoadLatest() }).Subscribe(output))
        {
            scheduler.AdvanceBy(TimeSpan.FromSeconds(1).Ticks);
        }

        return output;
    }

    private static CheckpointOptions Options(TestScheduler scheduler, ICheckpointStorage storage) => new()
    {
        Storage = storage,
        Scheduler = scheduler,
        Interval = TimeSpan.FromTicks(TimeSpan.TicksPerMillisecond * 3) - TimeSpan.FromTicks(1),
        AsynchronousSnapshots = false,
    };

    /// <summary>A record type with no serializer.</summary>
    internal sealed record Opaque(int Value);
}
