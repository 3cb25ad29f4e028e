using Microsoft.Reactive.Testing;
using RxStreams.Checkpoints;

namespace RxStreams.Tests.Checkpoints.Jobs;

public class CheckpointPacingTest
{
    [Fact]
    public void ACheckpointThatNeverCompletesTimesOutAndHoldsBackOnlyWhileInFlight()
    {
        var (job, scheduler) = Job(dropBarrier: 1, options => options with { Timeout = TimeSpan.FromMilliseconds(25), MaxConcurrentCheckpoints = 1 });
        using var _ = job.Subscribe(new Collector<StreamElement<long>>());

        scheduler.AdvanceTo(Ms(34));    // 1 started at 10 and is stuck; the ticks at 20 and 30 were skipped
        Assert.Equal((0L, 0L, -1L), (job.Checkpoints.Completed, job.Checkpoints.Failed, job.Checkpoints.LastCompletedId));
        scheduler.AdvanceTo(Ms(35) + 1); // 1 times out (the job started one tick after time 0, as TestScheduler runs work due now)
        Assert.Equal(1, job.Checkpoints.Failed);
        Assert.Equal(
            "Checkpoint 1 did not complete within 00:00:00.0250000 and was aborted (an operator did not acknowledge it, or storing it took too long).",
            Assert.IsType<TimeoutException>(job.Checkpoints.LastFailure).Message);
        scheduler.AdvanceTo(Ms(45));    // 2 started at 40 and completed
        Assert.Equal((1L, 1L, 2L), (job.Checkpoints.Completed, job.Checkpoints.Failed, job.Checkpoints.LastCompletedId));
    }

    [Fact]
    public void TicksTooSoonAfterACompletedCheckpointAreSkipped()
    {
        var (job, scheduler) = Job(dropBarrier: null, options => options with { MinPauseBetweenCheckpoints = TimeSpan.FromMilliseconds(15) });
        using var _ = job.Subscribe(new Collector<StreamElement<long>>());

        scheduler.AdvanceTo(Ms(25));    // 1 at 10; the tick at 20 is 10 ms after it: skipped
        Assert.Equal(1, job.Checkpoints.LastCompletedId);
        scheduler.AdvanceTo(Ms(35));    // the tick at 30 is 20 ms after it
        Assert.Equal(2, job.Checkpoints.LastCompletedId);
        Assert.Equal(2, job.Checkpoints.Completed);
    }

    [Fact]
    public void CheckpointsGoOnCompletingAfterOneOfTwoSourcesFinished()
    {
        var scheduler = new TestScheduler();
        var paced = new SourceOptions { RecordsPerStep = 1, Pace = TimeSpan.FromMilliseconds(1) };
        var job = StreamJob.Create(
            () => ReplayableSource.FromList(Enumerable.Range(0, 10).Select(i => (long)i).ToArray(), "short", paced)
                .WithEventTime(v => v, WatermarkStrategy.NoWatermarks())
                .Union(ReplayableSource.FromList(Enumerable.Range(0, 100).Select(i => (long)i).ToArray(), "long", paced)
                    .WithEventTime(v => v, WatermarkStrategy.NoWatermarks()))
                .KeyBy(v => v % 3)
                .Sum(v => v),
            new CheckpointOptions { Scheduler = scheduler, Interval = TimeSpan.FromMilliseconds(20), AsynchronousSnapshots = false });
        var output = new Collector<StreamElement<Keyed<long, long>>>();
        using var _ = job.Subscribe(output);
        scheduler.AdvanceTo(Ms(95));
        Assert.Equal(4, job.Checkpoints.Completed); // at 20, 40, 60 and 80: the short source ended after 10 ms
        scheduler.AdvanceBy(Ms(100));
        Assert.True(output.Completed);
    }

    private static long Ms(long milliseconds) => TimeSpan.FromMilliseconds(milliseconds).Ticks;

    private static (StreamJob<long> Job, TestScheduler Scheduler) Job(long? dropBarrier, Func<CheckpointOptions, CheckpointOptions> configure)
    {
        var scheduler = new TestScheduler();
        var job = StreamJob.Create(
            () => new BarrierHole<long>(
                    ReplayableSource.FromList(Enumerable.Range(0, 1000).Select(i => (long)i).ToArray(), "numbers", new SourceOptions { RecordsPerStep = 1, Pace = TimeSpan.FromMilliseconds(1) })
                        .WithEventTime(v => v, WatermarkStrategy.NoWatermarks()),
                    dropBarrier)
                .KeyBy(v => v % 2)
                .Sum(v => v)
                .Select(k => k.Value),
            configure(new CheckpointOptions { Scheduler = scheduler, Interval = TimeSpan.FromMilliseconds(10), AsynchronousSnapshots = false }));
        return (job, scheduler);
    }

    /// <summary>Passes everything but one checkpoint's barrier, so that checkpoint can never complete.</summary>
    private sealed class BarrierHole<T>(IObservable<StreamElement<T>> source, long? dropped) : IObservable<StreamElement<T>>, RxStreams.Graph.IDataflowNode
    {
        public string NodeName => "BarrierHole";

        public IEnumerable<object> Inputs => [source];

        public IDisposable Subscribe(IObserver<StreamElement<T>> observer) =>
            source.Subscribe(
                e =>
                {
                    if (!(e.Kind == ElementKind.Barrier && e.Timestamp == dropped))
                    {
                        observer.OnNext(e);
                    }
                },
                observer.OnError,
                observer.OnCompleted);
    }
}
