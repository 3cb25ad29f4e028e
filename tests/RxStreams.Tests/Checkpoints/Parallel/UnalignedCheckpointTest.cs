using RxStreams.Checkpoints;

namespace RxStreams.Tests.Checkpoints.Parallel;

[Collection(nameof(Adversarial.ParallelTaskThreads))]
[Adversarial.NoLeakedTaskThreads]
public class UnalignedCheckpointTest
{
    private static readonly SourceOptions Paced = new() { RecordsPerStep = 1, Pace = TimeSpan.FromMilliseconds(1) };

    [Fact]
    public void UnalignedCheckpointsNeedExactlyOnceMode()
    {
        var error = Assert.Throws<ArgumentException>(() => StreamJob.Create(
            () => System.Reactive.Linq.Observable.Empty<StreamElement<int>>(), new CheckpointOptions { Unaligned = true, Mode = CheckpointingMode.AtLeastOnce }));
        Assert.StartsWith("Unaligned checkpoints are exactly-once checkpoints", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordsWithoutASerializerFailTheUnalignedJobAtStartNamingTheExchange()
    {
        var error = RunFailing(() => ReplayableSource.FromList(new[] { new Opaque(1) }, "opaque")
            .WithEventTime(_ => 0L, WatermarkStrategy.NoWatermarks())
            .PartitionByKey(o => o.Id, 2)
            .Apply(s => s.Select(o => o.Id.ToString()))
            .Merge());
        var serialization = Assert.IsType<RxStreams.State.StateSerializationException>(error);
        Assert.Contains("the records in flight through the hash exchange (unaligned checkpoints store them)", serialization.Message);
    }

    [Fact]
    public void AnExchangeThatDropsItsOldestRecordsIsRefusedWithUnalignedCheckpoints()
    {
        var error = RunFailing(() => ReplayableSource.FromList(new[] { 1, 2, 3 }, "numbers")
            .WithEventTime(n => n, WatermarkStrategy.NoWatermarks())
            .PartitionByKey(n => n, 2, new ExchangeOptions { Overflow = OverflowPolicy.DropOldest })
            .Apply(s => s.Select(n => n.ToString()))
            .Merge());
        Assert.IsType<NotSupportedException>(error);
        Assert.StartsWith("The hash exchange drops its oldest records when full", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnalignedCheckpointWithRecordsInFlightRestoresOnlyAtItsOwnParallelism()
    {
        var numbers = Enumerable.Range(0, 400).ToList();
        IObservable<StreamElement<string>> Pipeline(int parallelism) => ReplayableSource.FromList(numbers, "numbers", Paced)
            .WithEventTime(n => n, WatermarkStrategy.ForMonotonousTimestamps())
            .PartitionByKey(n => n % 5, parallelism, new ExchangeOptions { Capacity = 64 })
            .Apply(s => s.KeyBy(n => n % 5).Count().Select(k => k.ToString()))
            .Merge();

        // Find a checkpoint of a 2-task run that holds records in flight.
        var storage = new InMemoryCheckpointStorage(retained: 1000);
        var scheduler = new PumpedTestScheduler();
        var job = StreamJob.Create(() => Pipeline(2), new CheckpointOptions
        {
            Scheduler = scheduler, Storage = storage, Unaligned = true, AsynchronousSnapshots = false, Interval = TimeSpan.FromMilliseconds(3),
        });
        var output = new BlockingCollector<string>();
        using (job.Subscribe(output))
        {
            scheduler.RunUntil(() => output.Ended, TimeSpan.FromMilliseconds(1));
        }

        var withRecords = storage.CompletedCheckpointIds.Select(storage.Load)
            .First(c => c.Operators["hash exchange#1"].OperatorState.Any(s => !s.Data.IsEmpty));

        var restored = new PumpedTestScheduler();
        var rescaled = StreamJob.Create(() => Pipeline(3), new CheckpointOptions { Scheduler = restored, RestoreFrom = withRecords, Unaligned = true, AsynchronousSnapshots = false });
        var failed = new BlockingCollector<string>();
        using (rescaled.Subscribe(failed))
        {
            restored.RunUntil(() => failed.Ended, TimeSpan.FromMilliseconds(1));
        }

        var error = Assert.IsType<CheckpointRestoreException>(failed.Error);
        Assert.Contains("an unaligned checkpoint taken at parallelism 2), which cannot be restored at parallelism 3", error.Message);
    }

    private static Exception RunFailing(Func<IObservable<StreamElement<string>>> pipeline)
    {
        var scheduler = new PumpedTestScheduler();
        var job = StreamJob.Create(pipeline, new CheckpointOptions { Scheduler = scheduler, Unaligned = true, AsynchronousSnapshots = false });
        var output = new BlockingCollector<string>();
        using (job.Subscribe(output))
        {
            scheduler.RunUntil(() => output.Ended, TimeSpan.FromMilliseconds(1));
        }

        return Assert.IsAssignableFrom<Exception>(output.Error);
    }

    private sealed record Opaque(int Id);
}
