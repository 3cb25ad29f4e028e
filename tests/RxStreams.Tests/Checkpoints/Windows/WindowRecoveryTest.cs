using System.Reactive.Concurrency;
using CsCheck;
using RxStreams.Tests.Checkpoints.Jobs;

namespace RxStreams.Tests.Checkpoints.Windows;

/// <summary>
/// Every event-time window kind in a checkpointed job: over random out-of-order inputs and random crash points, the
/// run that fails once and restarts from its last checkpoint gives, without duplicates, exactly the output of the run
/// without failure (same results, same firing kinds and indexes, same order).
/// </summary>
public class WindowRecoveryTest
{
    private const int CrashPointsPerKind = 15;

    public static TheoryData<string> Kinds =>
    [
        "tumbling count", "tumbling sum", "tumbling average", "tumbling min", "tumbling max-by", "tumbling reduce",
        "tumbling aggregate", "sliding count (panes)", "sliding sum", "session process (merges)", "session count with lateness",
        "global with count trigger", "count window", "sliding count window", "early firings", "purging early firings",
        "allowed lateness (late firings)", "evictor", "window all", "process function with per-window state", "evict after",
        "continuous event-time trigger", "custom trigger deleting timers", "typed trigger state (count)", "typed trigger state merged in sessions",
        "process function with global state",
    ];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ARestoredWindowGivesTheOutputOfARunWithoutFailure(string kind) =>
        RecoveryHarness.Inputs.Sample(
            input => RecoveryHarness.AssertRecovers((_, failures) => Pipeline(kind, RecoveryHarness.Source(input.Events, failures)), input.CrashAt),
            iter: CrashPointsPerKind,
            threads: 1);

    /// <summary>A window join (a union of both sides into a buffering window): values are unique, so no pair repeats.</summary>
    [Fact]
    public void AWindowJoinGivesTheOutputOfARunWithoutFailure() =>
        RecoveryHarness.Inputs.Sample(
            input =>
            {
                var left = input.Events.Select((e, i) => e with { Value = i }).ToArray();
                var right = input.Events.Select((e, i) => e with { Value = 1000 + i }).ToArray();
                RecoveryHarness.AssertRecovers(
                    (_, failures) => RecoveryHarness.Source(left, failures, "left").WindowJoin(
                        RecoveryHarness.Source(right, new StreamJobTest.FailOnce(null), "right"),
                        l => l.Key, r => r.Key, TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(8)), (l, r) => $"{l}+{r}"),
                    input.CrashAt);
            },
            iter: CrashPointsPerKind,
            threads: 1);

    /// <summary>Late-data decisions survive a restart too: the records sent to the late output are those of a run without failure.</summary>
    [Fact]
    public void ARestoredWindowSendsTheSameRecordsToTheLateOutput()
    {
        var lateRecords = 0;
        RecoveryHarness.Inputs.Sample(
            input =>
            {
                // One record surely late at the end (20 ms behind the latest, past any window's end + lateness): random
                // inputs alone had none in a whole run once in a while.
                var events = input.Events.Append(new Ev("k0", input.Events.Max(e => e.Time) - 20, 0))
                    .Select((e, i) => e with { Value = i }).ToArray();
                List<string> LateOf(int? crashAt, out List<string> results)
                {
                    var late = new SideOutput<Record<Ev>>("late");
                    var seen = new List<string>();
                    using var subscription = late.Subscribe(r => seen.Add(r.ToString()));
                    results = RecoveryHarness.Run(
                        (_, failures) => RecoveryHarness.Source(events, failures).KeyBy(e => e.Key)
                            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(6))).AllowedLateness(TimeSpan.FromMilliseconds(2))
                            .SideOutputLateData(late).Count().Select(Text),
                        crashAt,
                        out _);
                    return seen;
                }

                var expectedLate = LateOf(null, out var expected);
                var actualLate = LateOf(input.CrashAt, out var actual);
                Assert.Equal(expected, actual.Distinct().ToList());
                Assert.Equal(expectedLate, actualLate.Distinct().ToList());
                lateRecords += expectedLate.Count;
            },
            iter: CrashPointsPerKind,
            threads: 1);
        Assert.True(lateRecords > 0, "the inputs had no late records");
    }

    /// <summary>The window kind under test, its results as text.</summary>
    internal static IObservable<StreamElement<string>> Pipeline(string kind, IObservable<StreamElement<Ev>> source)
    {
        var keyed = source.KeyBy(e => e.Key);
        var tumbling = keyed.Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(10)));
        var sliding = keyed.Window(SlidingEventTimeWindows.Of(TimeSpan.FromMilliseconds(9), TimeSpan.FromMilliseconds(3))).AllowedLateness(TimeSpan.FromMilliseconds(4));
        return kind switch
        {
            "tumbling count" => tumbling.Count().Select(Text),
            "tumbling sum" => tumbling.Sum(e => (long)e.Value).Select(Text),
            "tumbling average" => tumbling.Average(e => e.Value).Select(Text),
            "tumbling min" => tumbling.Min(e => e.Value).Select(Text),
            "tumbling max-by" => tumbling.MaxBy(e => e.Value).Select(Text),
            "tumbling reduce" => tumbling.Reduce((a, b) => a with { Value = a.Value + b.Value }).Select(Text),
            "tumbling aggregate" => tumbling.Aggregate(new SpreadFunction()).Select(Text),
            "sliding count (panes)" => sliding.Count().Select(Text),
            "sliding sum" => sliding.Sum(e => e.Value).Select(Text),
            "session process (merges)" => keyed.Window(EventTimeSessionWindows.WithGap(TimeSpan.FromMilliseconds(4)))
                .Process((key, window, records) => string.Join(",", records.Select(r => r.Value))).Select(Text),
            "session count with lateness" => keyed.Window(EventTimeSessionWindows.WithGap(TimeSpan.FromMilliseconds(3)))
                .AllowedLateness(TimeSpan.FromMilliseconds(6)).Count().Select(Text),
            "global with count trigger" => keyed.Window(GlobalWindows.Create()).Trigger(WindowTrigger.Count(3)).Max(e => e.Value).Select(Text),
            "count window" => keyed.CountWindow(4).Sum(e => e.Value).Select(Text),
            "sliding count window" => keyed.CountWindow(4, 2).Process((key, window, records) => string.Join(",", records.Select(r => r.Value))).Select(Text),
            "early firings" => keyed.Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(12)))
                .Trigger(WindowTrigger.EventTime().WithEarlyFirings(2)).Count().Select(Text),
            "purging early firings" => keyed.Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(12)))
                .Trigger(WindowTrigger.EventTime().WithEarlyFirings(3).Purging()).Sum(e => e.Value).Select(Text),
            "allowed lateness (late firings)" => keyed.Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(6)))
                .AllowedLateness(TimeSpan.FromMilliseconds(8)).Count().Select(Text),
            "evictor" => tumbling.Evictor(WindowEvictor.KeepLast(2)).Sum(e => e.Value).Select(Text),
            "process function with per-window state" => keyed.Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(12)))
                .Trigger(WindowTrigger.EventTime().WithEarlyFirings(2).Purging()).AllowedLateness(TimeSpan.FromMilliseconds(4))
                .Process(new FiringsAndSum()).Select(Text),
            "evict after" => keyed.Window(GlobalWindows.Create()).Trigger(WindowTrigger.Count(3)).Evictor(WindowEvictor.KeepLast(2, evictAfter: true))
                .Process((key, window, records) => string.Join(",", records.Select(r => r.Value))).Select(Text),
            "continuous event-time trigger" => keyed.Window(EventTimeSessionWindows.WithGap(TimeSpan.FromMilliseconds(5)))
                .Trigger(WindowTrigger.ContinuousEventTime(TimeSpan.FromMilliseconds(3))).AllowedLateness(TimeSpan.FromMilliseconds(2)).Count().Select(Text),
            "custom trigger deleting timers" => keyed.Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(30)))
                .Trigger(new RxStreams.Tests.Windows.ContinuousAndCustomTriggersTest.QuietFor5()).Count().Select(Text),
            "typed trigger state (count)" => keyed.Window(GlobalWindows.Create())
                .Trigger(new RxStreams.Tests.Readme.ReadmeExamples.CountTrigger(3)).Sum(e => e.Value).Select(Text),
            "typed trigger state merged in sessions" => keyed.Window(EventTimeSessionWindows.WithGap(TimeSpan.FromMilliseconds(4)))
                .AllowedLateness(TimeSpan.FromMilliseconds(3)).Trigger(new RxStreams.Tests.Readme.ReadmeExamples.CountTrigger(2)).Count().Select(Text),
            "process function with global state" => keyed.Window(EventTimeSessionWindows.WithGap(TimeSpan.FromMilliseconds(3)))
                .AllowedLateness(TimeSpan.FromMilliseconds(2)).Process(new GlobalCount()).Select(Text),
            "window all" => source.WindowAll(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(10))).Count().Select(Text),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown window kind"),
        };
    }

    /// <summary>Emits the firing count kept in the per-window state (restored from a checkpoint after a crash) and the sum.</summary>
    private sealed class FiringsAndSum : ProcessWindowFunction<string, Ev, string, int>
    {
        public override void Process(IReadOnlyList<Ev> elements, ProcessWindowContext<string, string, int> context)
        {
            context.WindowState++;
            context.Collect("firing " + context.WindowState);
            context.Collect("sum " + elements.Sum(e => e.Value));
        }
    }

    /// <summary>Numbers each key's firings across its windows in a global (per-key) state, restored after a crash.</summary>
    private sealed class GlobalCount : ProcessWindowFunction<string, Ev, string, System.Reactive.Unit>
    {
        private static readonly ValueStateDescriptor<int> Firings = new("firings");

        public override void Open(RuntimeContext context) => context.GetState(Firings);

        public override void Process(IReadOnlyList<Ev> elements, ProcessWindowContext<string, string, System.Reactive.Unit> context)
        {
            var firings = context.GlobalState.GetState(Firings);
            firings.Value++;
            context.Collect($"key firing {firings.Value}: {elements.Sum(e => e.Value)}");
        }
    }

    /// <summary>The result with whether it replaces an earlier one, which the compact form leaves out.</summary>
    private static string Text<TKey, TValue>(WindowResult<TKey, TValue> result) => result + (result.ReplacesPrevious ? " replaces" : string.Empty);

    /// <summary>A user aggregation with a built-in accumulator type: the spread (max − min) of the values.</summary>
    private sealed class SpreadFunction : IAggregateFunction<Ev, (int Min, int Max), int>
    {
        public (int Min, int Max) CreateAccumulator() => (int.MaxValue, int.MinValue);

        public void Add(ref (int Min, int Max) accumulator, Ev value) =>
            accumulator = (Math.Min(accumulator.Min, value.Value), Math.Max(accumulator.Max, value.Value));

        public int GetResult(in (int Min, int Max) accumulator) => accumulator.Max - accumulator.Min;

        public (int Min, int Max) Merge((int Min, int Max) a, (int Min, int Max) b) => (Math.Min(a.Min, b.Min), Math.Max(a.Max, b.Max));
    }
}
