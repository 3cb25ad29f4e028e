using CsCheck;
using Microsoft.Reactive.Testing;
using static RxStreams.Tests.Checkpoints.Recovery.RecoveryPipelines;

namespace RxStreams.Tests.Checkpoints.Recovery;

/// <summary>
/// Random pipelines over random out-of-order input, failed at random points (a throw in a record, a checkpoint that is
/// acknowledged but never stored, a throw while a restarted attempt restores), restarted from the last completed
/// checkpoint: the de-duplicated output is exactly the output of a run without failure.
/// </summary>
public class RecoveryEquivalenceTest
{
    private static readonly Gen<Event> GenEvent =
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, 40], Gen.Int[1, 9], (key, jitter, value) => new Event("k" + key, jitter, value));

    private static readonly Gen<Event[]> GenEvents = GenEvent.Array[1, 80].Select(events =>
        events.Select((e, i) => e with { Time = (i * 4) + e.Time - 20 }).ToArray());

    [Fact]
    public void ARestoredRunGivesTheOutputOfARunWithoutFailure()
    {
        var crashes = 0;
        var gen = Gen.Select(Gen.Int[0, Kinds - 1], GenEvents, GenEvents, Gen.Long[0, 12], Gen.Int[1, 120].Array[1, 4], Gen.Int[0, 3], Gen.Long[1, 12].Array[0, 2]);
        gen.Sample(
            (kind, first, second, bound, records, open, stores) =>
            {
                var expected = Run(kind, first, second, bound, FailurePlan.None, out _);
                Assert.Equal(expected.Count, expected.Distinct().Count());

                // An opening failure on the first attempt would be a failure before any checkpoint: make it a later one.
                var plan = new FailurePlan(records, open > 0 ? [open + 1] : [], stores);
                var actual = Run(kind, first, second, bound, plan, out var restarts);
                crashes += plan.Injected;
                Assert.Equal(plan.Crashes, restarts);
                Assert.Equal(expected, actual.Distinct().ToList());
            },
            iter: 400,
            seed: "0N0XIzNsQ0O3");
        Assert.True(crashes >= 500, $"only {crashes} crash points were exercised");
    }

    private static List<string> Run(int kind, Event[] first, Event[] second, long bound, FailurePlan plan, out long restarts)
    {
        var scheduler = new TestScheduler();
        var job = StreamJob.Create(
            () => Build(kind, first, second, bound, plan),
            new CheckpointOptions
            {
                Scheduler = scheduler,
                Storage = plan.Storage(),
                Interval = TimeSpan.FromMilliseconds(9),
                AsynchronousSnapshots = false,
                RestartStrategy = RestartStrategy.FixedDelay(20, TimeSpan.FromMilliseconds(2)),
            });
        var output = new Collector<StreamElement<string>>();
        using var _ = job.Subscribe(output);
        scheduler.AdvanceBy(TimeSpan.FromSeconds(5).Ticks);
        Assert.True(output.Completed, output.Error?.ToString() ?? "the job did not finish");
        restarts = job.Checkpoints.Restarts;
        return output.Items.Where(e => e.IsRecord).Select(e => e.ToString()).ToList();
    }
}
