using Microsoft.Reactive.Testing;
using RxStreams.Checkpoints;
using RxStreams.Tests.Checkpoints.Jobs;

namespace RxStreams.Tests.Checkpoints.Windows;

/// <summary>
/// Processing-time windows in a checkpointed job, on the job's <see cref="TestScheduler"/>. A replay after a restart
/// reads records at later clock times than the first run did, so its windows legitimately differ from a run without
/// failure; what recovery must keep is every record counted exactly once and the restored pending timers firing on
/// time. Crashes fall before the first firing (100 ms), so every result comes from the restored attempt.
/// </summary>
public class ProcessingTimeWindowRecoveryTest
{
    private const int Records = 150;
    private static readonly SourceOptions OneRecordPerMs = new() { RecordsPerStep = 1, Pace = TimeSpan.FromMilliseconds(1) };

    public static TheoryData<int> CrashPoints => new(Enumerable.Range(2, 18).Select(i => i * 5));

    [Theory]
    [MemberData(nameof(CrashPoints))]
    public void EveryRecordIsCountedOnceAndTheRestoredWindowFiresAtItsEnd(int crashAt)
    {
        var events = Enumerable.Range(0, Records).Select(i => new Ev("k" + (i % 3), i, 1)).ToArray();
        var clean = Run(events, null, out var cleanStatistics);
        var failed = Run(events, crashAt, out var failedStatistics);
        Assert.Equal(0, cleanStatistics.Restarts);
        Assert.Equal(1, failedStatistics.Restarts);
        Assert.True(failedStatistics.RestoredFromId > 0);

        foreach (var run in new[] { clean, failed })
        {
            // The first window holds records from before the checkpoint (restored) and after it (replayed); its timer,
            // restored with it, fires when the clock reaches its last timestamp, 99 ms (Flink's ProcessingTimeTrigger),
            // while the source is still reading. The record read at 99 ms, after the timer ran, opens the window again
            // for its key, and that window's timer, already due, fires it at once: 3 + 1 results.
            // (The test clock starts at DateTimeOffset.MinValue, so the first window ends 100 ms after it.)
            var start = run.Min(r => r.Result.Window.Start);
            var first = run.Where(r => r.Result.Window.Start == start).ToList();
            Assert.Equal(4, first.Count);
            Assert.Equal(3, first.Select(r => r.Result.Key).Distinct().Count());
            Assert.All(first, r => Assert.Equal(DateTimeOffset.MinValue.AddMilliseconds(100), DateTimeOffset.FromUnixTimeMilliseconds(r.Result.Window.End)));
            Assert.All(first.Take(3), r => Assert.Equal(TimeSpan.FromMilliseconds(99).Ticks, r.Clock));
            Assert.Equal(99, first[3].Clock / TimeSpan.TicksPerMillisecond);
            foreach (var key in new[] { "k0", "k1", "k2" })
            {
                Assert.Equal(events.Count(e => e.Key == key), run.Where(r => r.Result.Key == key).Sum(r => r.Result.Value));
            }
        }
    }

    /// <summary>
    /// Event-time windows with early firings every 5 ms of processing time: the early results depend on when the replay
    /// ran, the on-time and late results do not (but for their firing index, which counts the early firings before
    /// them), so those of the failed run equal those of the run without failure.
    /// </summary>
    [Theory]
    [InlineData(13)]
    [InlineData(38)]
    [InlineData(77)]
    [InlineData(121)]
    public void EarlyProcessingTimeFiringsLeaveTheOnTimeResultsOfARunWithoutFailure(int crashAt)
    {
        var events = Enumerable.Range(0, Records).Select(i => new Ev("k" + (i % 3), i + ((i * 7) % 5), 1)).ToArray();
        IObservable<StreamElement<WindowResult<string, long>>> Pipeline(TestScheduler scheduler, IObservable<StreamElement<Ev>> source) =>
            source.KeyBy(e => e.Key)
                .Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(20)))
                .Trigger(WindowTrigger.EventTime().WithEarlyFirings(TimeSpan.FromMilliseconds(5), scheduler))
                .AllowedLateness(TimeSpan.FromMilliseconds(3))
                .Count();
        var clean = Run(events, null, out _, Pipeline);
        var failed = Run(events, crashAt, out var statistics, Pipeline);
        Assert.Equal(1, statistics.Restarts);
        Assert.Contains(clean, r => r.Result.Firing == WindowFiring.Early);
        Assert.Equal(
            clean.Where(r => r.Result.Firing != WindowFiring.Early).Select(r => Unindexed(r.Result)),
            failed.Where(r => r.Result.Firing != WindowFiring.Early).Select(r => Unindexed(r.Result)).Distinct());
    }

    private static string Unindexed(WindowResult<string, long> result) => (result with { FiringIndex = 0 }).ToString();

    private static List<(long Clock, WindowResult<string, long> Result)> Run(Ev[] events, int? crashAt, out CheckpointStatistics statistics) =>
        Run(events, crashAt, out statistics, (scheduler, source) => source.KeyBy(e => e.Key)
            .Window(TumblingProcessingTimeWindows.Of(TimeSpan.FromMilliseconds(100), scheduler))
            .Count());

    private static List<(long Clock, WindowResult<string, long> Result)> Run(
        Ev[] events,
        int? crashAt,
        out CheckpointStatistics statistics,
        Func<TestScheduler, IObservable<StreamElement<Ev>>, IObservable<StreamElement<WindowResult<string, long>>>> windows)
    {
        var scheduler = new TestScheduler();
        var failures = new StreamJobTest.FailOnce(crashAt);
        var job = StreamJob.Create(
            () => windows(scheduler, ReplayableSource.FromList(events, "events", OneRecordPerMs)
                .WithEventTime(e => e.Time, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(2)))
                .Where(e =>
                {
                    failures.Check();
                    return true;
                })),
            new CheckpointOptions
            {
                Scheduler = scheduler,
                Interval = TimeSpan.FromMilliseconds(7),
                AsynchronousSnapshots = false,
                RestartStrategy = RestartStrategy.FixedDelay(1, TimeSpan.FromMilliseconds(3)),
            });
        var results = new List<(long, WindowResult<string, long>)>();
        var output = new Collector<StreamElement<WindowResult<string, long>>>();
        using var subscription = job.Subscribe(System.Reactive.Observer.Create<StreamElement<WindowResult<string, long>>>(
            e =>
            {
                if (e.IsRecord)
                {
                    results.Add((scheduler.Clock, e.Value));
                }

                output.OnNext(e);
            },
            output.OnError,
            output.OnCompleted));
        scheduler.AdvanceBy(TimeSpan.FromSeconds(10).Ticks);
        Assert.True(output.Completed, output.Error?.ToString());
        statistics = job.Checkpoints;
        return results;
    }
}
