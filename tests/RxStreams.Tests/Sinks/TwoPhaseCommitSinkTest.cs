using Microsoft.Reactive.Testing;
using RxStreams.Sinks;
using RxStreams.Tests.Checkpoints.Recovery;

namespace RxStreams.Tests.Sinks;

/// <summary>The transactional sink contract in a job: commits follow completed checkpoints, and a crash neither loses nor repeats.</summary>
public class TwoPhaseCommitSinkTest
{
    private static readonly SourceOptions Paced = new() { RecordsPerStep = 1, Pace = TimeSpan.FromMilliseconds(1) };

    [Fact]
    public void CrashesInRecordsLeaveExactlyTheRecordsOfARunWithoutFailure()
    {
        var store = new MemoryStore();
        var plan = new FailurePlan([37, 80, 81], [], []);
        var (output, job) = Run(store, plan, Enumerable.Range(0, 100).ToArray());

        Assert.True(output.Completed, output.Error?.ToString());
        Assert.Equal(3, job.Checkpoints.Restarts);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => "r" + i), store.Committed);
        Assert.Equal(0, store.OpenTransactions);
        Assert.Empty(output.Items.Where(e => e.IsRecord));
    }

    internal static (Collector<StreamElement<string>> Output, StreamJob<string> Job) Run(MemoryStore store, FailurePlan plan, int[] input, Func<bool>? failCommit = null)
    {
        var scheduler = new TestScheduler();
        var job = StreamJob.Create(
            () => ReplayableSource.FromList(input, "numbers", Paced)
                .WithEventTime(i => i, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.Zero))
                .Select(i =>
                {
                    plan.OnRecord();
                    return "r" + i;
                })
                .SinkTo(new MemoryTransactionalSink(store, new SinkOptions { BatchSize = 4 }, failCommit))
                .Uid("out"),
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
        return (output, job);
    }
}
