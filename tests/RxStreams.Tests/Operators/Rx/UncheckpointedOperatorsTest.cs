using Microsoft.Reactive.Testing;

namespace RxStreams.Tests.Operators.Rx;

/// <summary>
/// The event-time Rx operators that hold state (counts, seen values, buffers, accumulators) are not checkpointed, so a
/// checkpointed job refuses them at start naming them, in one task and in parallel tasks alike.
/// </summary>
public class UncheckpointedOperatorsTest
{
    [Fact]
    public void ACheckpointedJobRefusesScan() =>
        Assert.StartsWith(
            "The checkpointed pipeline reads 'Scan' (RxStreams.Operators), whose state or input position a checkpoint cannot see",
            RunToError(StreamJob.Create(() => Numbers().Scan(0, (a, v) => a + v), Options())).Message,
            StringComparison.Ordinal);

    [Fact]
    public void ACheckpointedParallelJobRefusesDistinctInsideATask() =>
        Assert.StartsWith(
            "The checkpointed pipeline reads 'Distinct' (RxStreams.Operators)",
            RunToError(StreamJob.Create(() => Numbers().PartitionByKey(v => v % 2, parallelism: 2).Apply(s => s.Distinct()).Merge(), Options())).Message,
            StringComparison.Ordinal);

    [Fact]
    public void DoKeepsNoStateAndIsAccepted()
    {
        var output = new Collector<StreamElement<int>>();
        var job = StreamJob.Create(() => Numbers().Do(_ => { }), Options());
        using var _ = job.Subscribe(output);
        ((TestScheduler)job.Options.Scheduler!).AdvanceBy(TimeSpan.FromSeconds(1).Ticks);
        Assert.Null(output.Error);
        Assert.Equal([1, 2], output.Items.Where(e => e.IsRecord).Select(e => e.Value));
    }

    private static IObservable<StreamElement<int>> Numbers() =>
        ReplayableSource.FromList(new[] { 1, 2 }).WithEventTime(v => (long)v, WatermarkStrategy.NoWatermarks());

    private static CheckpointOptions Options() => new() { Scheduler = new TestScheduler() };

    private static Exception RunToError<T>(StreamJob<T> job)
    {
        var output = new Collector<StreamElement<T>>();
        using var _ = job.Subscribe(output);
        ((TestScheduler)job.Options.Scheduler!).AdvanceBy(TimeSpan.FromSeconds(1).Ticks);
        return Assert.IsType<InvalidOperationException>(output.Error);
    }
}
