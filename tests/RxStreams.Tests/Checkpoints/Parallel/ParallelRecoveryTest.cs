using CsCheck;
using RxStreams.Checkpoints;
using RxStreams.Tests.Checkpoints.Recovery;
using static RxStreams.Tests.Checkpoints.Recovery.RecoveryPipelines;

namespace RxStreams.Tests.Checkpoints.Parallel;

/// <summary>
/// Random keyed pipelines (process functions with timers and TTL, rolling sums, tumbling windows with lateness,
/// sliding and session windows, a union of two sources, interval and window joins of two sources) at parallelism 1 to
/// 4 behind a hash exchange, over random
/// out-of-order input, failed at random points (a throw in a record of any task, a checkpoint acknowledged but never
/// stored, a throw while a task's function opens in a restarted attempt) and restarted from the last completed
/// checkpoint, aligned or unaligned (the records in flight through the exchange are part of the checkpoint): the
/// de-duplicated output is exactly the output of a single-task run without failure.
/// </summary>
[Collection(nameof(Adversarial.ParallelTaskThreads))]
[Adversarial.NoLeakedTaskThreads]
public class ParallelRecoveryTest
{
    private const int Kinds = 8;

    private static readonly ExchangeOptions SmallBuffers = new() { Capacity = 8 };

    private static readonly Gen<Event> GenEvent =
        Gen.Select(Gen.Int[0, 7], Gen.Int[0, 40], Gen.Int[1, 9], (key, jitter, value) => new Event("k" + key, jitter, value));

    private static readonly Gen<Event[]> GenEvents = GenEvent.Array[1, 80].Select(events =>
        events.Select((e, i) => e with { Time = (i * 4) + e.Time - 20 }).ToArray());

    static ParallelRecoveryTest() => EventSerializer.Register();

    [Fact]
    public void ARestoredParallelRunGivesTheOutputOfASingleTaskRunWithoutFailure()
    {
        var crashes = 0;
        var inFlight = 0;
        var gen = Gen.Select(Gen.Int[0, Kinds - 1], Gen.Int[1, 4], GenEvents, GenEvents, Gen.Long[0, 12], Gen.Int[1, 120].Array[1, 3], Gen.Int[0, 3], Gen.Long[1, 12].Array[0, 2])
            .Select(Gen.Bool, (sample, unaligned) => (sample, unaligned));
        gen.Sample(
            sample =>
            {
                var ((kind, parallelism, first, second, bound, records, open, stores), unaligned) = sample;
                var expected = Run(kind, 1, first, second, bound, FailurePlan.None, unaligned: false, out _);
                Assert.Equal(expected.Count, expected.Distinct().Count());

                // An opening failure on the first attempt would be a failure before any checkpoint: make it a later one.
                var plan = new FailurePlan(records, open > 0 ? [open + parallelism] : [], stores);
                var actual = Run(kind, parallelism, first, second, bound, plan, unaligned, out var restarts);
                crashes += plan.Injected;
                inFlight += plan.StoredWithRecordsInFlight;

                // Two tasks can fail in one attempt: one restart then mends both.
                Assert.InRange(restarts, plan.Crashes > 0 ? 1 : 0, plan.Crashes);
                Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Distinct().Order(StringComparer.Ordinal));
            },
            iter: 300,
            threads: 1,
            seed: "0N0XIzNsQ0O3");
        Assert.True(crashes >= 300, $"only {crashes} crash points were exercised");
        Assert.True(inFlight >= 20, $"only {inFlight} unaligned checkpoints held records in flight");
    }

    private static List<string> Run(int kind, int parallelism, Event[] first, Event[] second, long bound, FailurePlan plan, bool unaligned, out long restarts)
    {
        var scheduler = new PumpedTestScheduler();
        var job = StreamJob.Create(
            () => Build(kind, parallelism, first, second, bound, plan),
            new CheckpointOptions
            {
                Scheduler = scheduler,
                Storage = plan.Storage(),
                Interval = TimeSpan.FromMilliseconds(9),
                AsynchronousSnapshots = false,
                Unaligned = unaligned,
                RestartStrategy = RestartStrategy.FixedDelay(20, TimeSpan.FromMilliseconds(2)),
            });
        var output = new BlockingCollector<string>();
        using (job.Subscribe(output))
        {
            scheduler.RunUntil(() => output.Ended, TimeSpan.FromMilliseconds(1));
            output.Wait(TimeSpan.Zero);
        }

        restarts = job.Checkpoints.Restarts;
        return output.Items;
    }

    private static IObservable<StreamElement<string>> Build(int kind, int parallelism, Event[] first, Event[] second, long bound, FailurePlan plan)
    {
        // Two sources meet before the exchange (a union); for the joins, values tell the sides apart and make every pair unique.
        var twoSources = kind >= 5;
        var input = twoSources
            ? Stamp(first.Select((e, i) => e with { Value = i }).ToArray(), "left", bound)
                .Union(Stamp(second.Select((e, i) => e with { Value = 1000 + i }).ToArray(), "right", bound))
            : Stamp(first, "events", bound);
        return input
            .PartitionByKey(e => e.Key, parallelism, SmallBuffers)
            .Apply(s =>
            {
                var checkedInput = s.Where(e => { plan.OnRecord(); return true; });
                var keyed = checkedInput.KeyBy(e => e.Key);
                var left = checkedInput.Where(e => e.Value < 1000);
                var right = checkedInput.Where(e => e.Value >= 1000);
                return kind switch
                {
                    0 => keyed.Process(() => new Sessions(plan)),
                    1 => keyed.Sum(e => e.Value).Select(k => k.ToString()),
                    2 => keyed.Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(10))).AllowedLateness(TimeSpan.FromMilliseconds(6))
                        .Sum(e => e.Value).Select(r => r.ToString()),
                    3 => keyed.Window(SlidingEventTimeWindows.Of(TimeSpan.FromMilliseconds(12), TimeSpan.FromMilliseconds(4))).Count().Select(r => r.ToString()),
                    4 => keyed.Window(EventTimeSessionWindows.WithGap(TimeSpan.FromMilliseconds(6))).AllowedLateness(TimeSpan.FromMilliseconds(4))
                        .Sum(e => e.Value).Select(r => r.ToString()),
                    6 => left.IntervalJoin(right, l => l.Key, r => r.Key, TimeSpan.FromMilliseconds(-6), TimeSpan.FromMilliseconds(4), (l, r) => $"{l.Key} {l.Value}+{r.Value}"),
                    7 => left.WindowJoin(right, l => l.Key, r => r.Key, TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(8)), (l, r) => $"{l.Key} {l.Value}+{r.Value}"),
                    _ => keyed.Process(() => new Sessions(plan)),
                };
            })
            .Merge();
    }
}
