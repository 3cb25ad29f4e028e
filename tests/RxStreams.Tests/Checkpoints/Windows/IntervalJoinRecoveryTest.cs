using CsCheck;
using Microsoft.Reactive.Testing;
using RxStreams.Checkpoints;
using RxStreams.Tests.Checkpoints.Jobs;

namespace RxStreams.Tests.Checkpoints.Windows;

/// <summary>
/// The interval join in a checkpointed job: over random out-of-order inputs on both sides and random crash points, the
/// run that fails once gives, without duplicates, exactly the pairs of the run without failure, in the same order.
/// </summary>
public class IntervalJoinRecoveryTest
{
    [Fact]
    public void ARestoredIntervalJoinGivesTheOutputOfARunWithoutFailure() =>
        RecoveryHarness.Inputs.Sample(
            input =>
            {
                // Unique values: no pair repeats, so de-duplication only removes what the restart emitted again.
                var left = input.Events.Select((e, i) => e with { Value = i }).ToArray();
                var right = input.Events.Select((e, i) => e with { Key = "k" + ((i + 1) % 3), Time = e.Time + (i % 5) - 2, Value = 1000 + i }).ToArray();
                var expected = RecoveryHarness.AssertRecovers(
                    (_, failures) => RecoveryHarness.Source(left, failures, "left").IntervalJoin(
                        RecoveryHarness.Source(right, new StreamJobTest.FailOnce(null), "right"),
                        l => l.Key, r => r.Key, TimeSpan.FromMilliseconds(-4), TimeSpan.FromMilliseconds(6), (l, r) => $"{l}+{r}"),
                    input.CrashAt);
                Assert.NotEmpty(expected);
            },
            iter: 30,
            threads: 1);

    [Fact]
    public void ACheckpointHoldsTheBufferedRecordsAndARestoredJoinPairsThemWithLaterOnes()
    {
        var options = new SourceOptions { RecordsPerStep = 1, Pace = TimeSpan.FromMilliseconds(1) };
        Ev[] left = [new("a", 1, 1), new("b", 2, 2), new("c", 3, 3), new("a", 10, 4)];
        Ev[] right = [new("c", 0, 5), new("d", 1, 6), new("e", 2, 7), new("a", 4, 8), new("b", 6, 9), new("a", 12, 10)];
        IObservable<StreamElement<string>> Pipeline() =>
            ReplayableSource.FromList(left, "left", options).WithEventTime(e => e.Time, WatermarkStrategy.ForMonotonousTimestamps())
                .IntervalJoin(
                    ReplayableSource.FromList(right, "right", options).WithEventTime(e => e.Time, WatermarkStrategy.ForMonotonousTimestamps()),
                    l => l.Key, r => r.Key, TimeSpan.Zero, TimeSpan.FromMilliseconds(5), (l, r) => $"{l}+{r}")
                .Uid("join");
        var storage = new InMemoryCheckpointStorage();
        CheckpointOptions Options(TestScheduler scheduler) => new()
        {
            Storage = storage,
            Scheduler = scheduler,
            Interval = TimeSpan.FromTicks(TimeSpan.TicksPerMillisecond * 3) - TimeSpan.FromTicks(1),
            AsynchronousSnapshots = false,
        };

        var scheduler = new TestScheduler();
        var first = new Collector<StreamElement<string>>();
        using (StreamJob.Create(Pipeline, Options(scheduler)).Subscribe(first))
        {
            scheduler.AdvanceBy(TimeSpan.FromMilliseconds(3).Ticks);
        }

        // Three records of each side are buffered (none matched yet); the watermark is the lower side's.
        Assert.Empty(first.Items.Where(e => e.IsRecord));
        var checkpoint = storage.LoadLatest()!;
        var join = checkpoint.Operators["join"];
        Assert.Equal("join<memorypack:RxStreams.Tests.Checkpoints.Windows.Ev,memorypack:RxStreams.Tests.Checkpoints.Windows.Ev>", join.Schema["j:buffers"]);
        Assert.Equal(2, new RxStreams.State.StateReader(join.OperatorState.Single().Data.Span).ReadInt64());

        var restoredScheduler = new TestScheduler();
        var output = new Collector<StreamElement<string>>();
        using (StreamJob.Create(Pipeline, Options(restoredScheduler) with { RestoreFrom = checkpoint }).Subscribe(output))
        {
            restoredScheduler.AdvanceBy(TimeSpan.FromSeconds(1).Ticks);
        }

        Assert.True(output.Completed, output.Error?.ToString());
        Assert.Equal(
            ["a:1:1+a:4:8@4", "b:2:2+b:6:9@6", "a:10:4+a:12:10@12"],
            output.Items.Where(e => e.IsRecord).Select(e => e.ToString()));
    }
}
