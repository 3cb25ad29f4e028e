using System.Reactive.Linq;
using Microsoft.Reactive.Testing;
using RxStreams.Checkpoints;

namespace RxStreams.Tests.Checkpoints.Jobs;

public class JobCompositionTest
{
    private static readonly SourceOptions OneRecordPerMs = new() { RecordsPerStep = 1, Pace = TimeSpan.FromMilliseconds(1) };

    [Fact]
    public void ARollingAggregateIsRestoredFromTheCheckpoint()
    {
        var events = StreamJobTest.Events(120, keys: 5, seed: 11);
        IObservable<StreamElement<Keyed<string, long>>> Pipeline(StreamJobTest.FailOnce failures) =>
            ReplayableSource.FromList(events, "events", OneRecordPerMs)
                .WithEventTime(e => e.Time, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(5)))
                .Where(e => { failures.Check(); return true; })
                .KeyBy(e => e.Key)
                .Count();

        var expected = RunJob(Pipeline(new StreamJobTest.FailOnce(null)), out _);
        var actual = RunJob(Pipeline(new StreamJobTest.FailOnce(77)), out var statistics);
        Assert.Equal(1, statistics.Restarts);
        Assert.Equal(expected, actual.Distinct().ToList());
        Assert.Equal("k0=" + events.Count(e => e.Key == "k0"), expected.Last(r => r.StartsWith("k0=", StringComparison.Ordinal)).Split('@')[0]);
    }

    [Fact]
    public void ConnectedSourcesAreAlignedAndRestored()
    {
        var orders = StreamJobTest.Events(90, keys: 4, seed: 5);
        var payments = StreamJobTest.Events(60, keys: 4, seed: 6);
        Func<IObservable<StreamElement<string>>> Pipeline(StreamJobTest.FailOnce failures) => () =>
            ReplayableSource.FromList(orders, "orders", OneRecordPerMs)
                .WithEventTime(e => e.Time, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(5)))
                .Connect(ReplayableSource.FromList(payments, "payments", OneRecordPerMs)
                    .WithEventTime(e => e.Time, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(5))))
                .KeyBy(o => o.Key, p => p.Key)
                .Process(() => new Matcher(failures));

        var expected = RunJob(Pipeline(new StreamJobTest.FailOnce(null)), out _);
        var actual = RunJob(Pipeline(new StreamJobTest.FailOnce(101)), out var statistics);
        Assert.Equal(1, statistics.Restarts);
        Assert.True(statistics.RestoredFromId > 0);
        Assert.Equal(expected, actual.Distinct().ToList());
        Assert.Equal(expected.Count, expected.Distinct().Count());
    }

    [Fact]
    public void APlainRxOperatorInAJobFailsAtStartNamingIt()
    {
#pragma warning disable RXS0001 // The test is about a plain Rx operator on an event-time stream.
        var job = StreamJob.Create(
            () => System.Reactive.Linq.Observable.Scan(ReplayableSource.FromList(new[] { 1, 2 }).WithEventTime(v => (long)v, WatermarkStrategy.NoWatermarks()), (a, b) => b),
            new CheckpointOptions { Scheduler = new TestScheduler() });
#pragma warning restore RXS0001
        var error = RunToError(job);
        Assert.IsType<InvalidOperationException>(error);
        Assert.StartsWith("The checkpointed pipeline reads 'Scan' (System.Reactive.Linq.ObservableImpl)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APlainRxOperatorAcceptedAsUncheckpointedRunsAndTheJobListsItsReason()
    {
        var scheduler = new TestScheduler();
#pragma warning disable RXS0001 // The test is about a plain Rx operator on an event-time stream, accepted as uncheckpointed.
        var job = StreamJob.Create(
            () => System.Reactive.Linq.Observable.Select(
                    ReplayableSource.FromList(new[] { 1, 2, 3 }, "numbers", new SourceOptions { RecordsPerStep = 1, Pace = TimeSpan.FromMilliseconds(1) })
                        .WithEventTime(v => (long)v, WatermarkStrategy.ForMonotonousTimestamps()),
                    e => e.IsRecord ? StreamElement.Record(e.Value * 10, e.Timestamp) : e)
                .Uncheckpointed("maps each element to one element; keeps no state")
                .KeyBy(v => v % 20)
                .Count(),
            new CheckpointOptions { Scheduler = scheduler, Interval = TimeSpan.FromMilliseconds(1), AsynchronousSnapshots = false });
#pragma warning restore RXS0001
        var output = new Collector<StreamElement<Keyed<int, long>>>();
        using (job.Subscribe(output))
        {
            scheduler.AdvanceBy(TimeSpan.FromMilliseconds(20).Ticks);
        }

        Assert.True(output.Completed, output.Error?.ToString());
        Assert.Equal(["10=1@1", "0=1@2", "10=2@3"], output.Items.Where(e => e.IsRecord).Select(e => e.ToString()));
        Assert.Equal(["maps each element to one element; keeps no state"], job.Checkpoints.UncheckpointedParts);
        Assert.True(job.Checkpoints.Completed > 0);
    }

    [Fact]
    public void ASourceNotReadByWithEventTimeFailsAtStart()
    {
        var job = StreamJob.Create(
            () => ReplayableSource.FromList(new[] { 1, 2 }, "numbers").Select(v => StreamElement.Record(v, v)),
            new CheckpointOptions { Scheduler = new TestScheduler() });
        var error = RunToError(job);
        Assert.StartsWith("The checkpointed pipeline reads 'Select.Selector' (System.Reactive.Linq.ObservableImpl)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheRestartStrategyGivesUpAfterItsAttempts()
    {
        var scheduler = new TestScheduler();
        var attempts = 0;
        var job = StreamJob.Create(
            () => ReplayableSource.FromList(new[] { 1, 2, 3 }).WithEventTime(v => (long)v, WatermarkStrategy.NoWatermarks())
                .Where(v => { if (v == 2) { attempts++; throw new InvalidOperationException("boom"); } return true; }),
            new CheckpointOptions { Scheduler = scheduler, RestartStrategy = RestartStrategy.FixedDelay(2, TimeSpan.FromSeconds(1)) });
        var output = new Collector<StreamElement<int>>();
        using var _ = job.Subscribe(output);
        scheduler.AdvanceBy(TimeSpan.FromMilliseconds(1).Ticks);
        Assert.Equal(1, attempts);
        scheduler.AdvanceBy(TimeSpan.FromSeconds(1).Ticks);
        Assert.Equal(2, attempts);
        scheduler.AdvanceBy(TimeSpan.FromSeconds(1).Ticks);
        Assert.Equal(3, attempts);
        var error = Assert.IsType<StreamOperatorException>(output.Error);
        Assert.Equal("Where", error.Operator);
        Assert.Equal(2, job.Checkpoints.Restarts);
        scheduler.AdvanceBy(TimeSpan.FromSeconds(10).Ticks);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public void ExponentialDelaysGrowUpToTheirMaximum()
    {
        var strategy = RestartStrategy.ExponentialDelay(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), 2, maxAttempts: 5);
        Assert.Equal(
            [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), null],
            Enumerable.Range(1, 6).Select(strategy.DelayBefore).ToArray());
        Assert.Null(RestartStrategy.None.DelayBefore(1));
    }

    internal static List<string> RunJob<T>(IObservable<StreamElement<T>> pipeline, out CheckpointStatistics statistics) =>
        RunJob(() => pipeline, out statistics);

    internal static List<string> RunJob<T>(Func<IObservable<StreamElement<T>>> pipeline, out CheckpointStatistics statistics) =>
        RunJob(_ => pipeline(), out statistics);

    /// <summary>Runs a job to its end on a test clock (given to the pipeline), a checkpoint every 7 ms; the output records as <c>value@timestamp</c>.</summary>
    internal static List<string> RunJob<T>(Func<System.Reactive.Concurrency.IScheduler, IObservable<StreamElement<T>>> pipeline, out CheckpointStatistics statistics)
    {
        var scheduler = new TestScheduler();
        var job = StreamJob.Create(() => pipeline(scheduler), new CheckpointOptions
        {
            Scheduler = scheduler,
            Interval = TimeSpan.FromMilliseconds(7),
            AsynchronousSnapshots = false,
            RestartStrategy = RestartStrategy.FixedDelay(5, TimeSpan.FromMilliseconds(3)),
        });
        var output = new Collector<StreamElement<T>>();
        using var _ = job.Subscribe(output);
        scheduler.AdvanceBy(TimeSpan.FromSeconds(10).Ticks);
        Assert.True(output.Completed, output.Error?.ToString());
        statistics = job.Checkpoints;
        return output.Items.Where(e => e.IsRecord).Select(e => e.ToString()).ToList();
    }

    private static Exception RunToError<T>(StreamJob<T> job)
    {
        var output = new Collector<StreamElement<T>>();
        using var _ = job.Subscribe(output);
        ((TestScheduler)job.Options.Scheduler!).AdvanceBy(TimeSpan.FromSeconds(1).Ticks);
        return output.Error ?? throw new Xunit.Sdk.XunitException("the job did not fail");
    }

    /// <summary>Emits "key#n:orders/payments" each time a payment arrives, from state both inputs share.</summary>
    private sealed class Matcher(StreamJobTest.FailOnce failures) : KeyedCoProcessFunction<string, (string Key, long Time), (string Key, long Time), string>
    {
        private ValueState<int> _orders = null!;
        private ValueState<int> _payments = null!;

        public override void Open(RuntimeContext context)
        {
            _orders = context.GetState(new ValueStateDescriptor<int>("orders"));
            _payments = context.GetState(new ValueStateDescriptor<int>("payments"));
        }

        public override void ProcessElement1((string Key, long Time) value, KeyedProcessContext<string, string> context)
        {
            failures.Check();
            _orders.Value++;
        }

        public override void ProcessElement2((string Key, long Time) value, KeyedProcessContext<string, string> context)
        {
            failures.Check();
            _payments.Value++;
            context.Collect($"{context.Key}#{_payments.Value}:{_orders.Value}");
        }
    }
}
