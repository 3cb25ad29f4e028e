using Microsoft.Reactive.Testing;
using RxStreams.Sinks;
using RxStreams.Tests.Checkpoints.Parallel;

namespace RxStreams.Tests.Sinks;

/// <summary>
/// Runs a job that reads numbers from a replayable source, fails where a <see cref="SinkCrashPlan"/> says, and writes
/// "r{n}" (or per key a running sum) to a sink, in virtual time; at parallelism above 1 behind a hash exchange.
/// </summary>
internal static class SinkJobs
{
    private static readonly SourceOptions Paced = new() { RecordsPerStep = 1, Pace = TimeSpan.FromMilliseconds(1) };

    public static (bool Completed, Exception? Error, long Restarts) Run(int[] input, SinkCrashPlan plan, Sink<string> sink, bool keyed = false, int parallelism = 1)
    {
        var options = new CheckpointOptions
        {
            Storage = plan.Storage(),
            Interval = TimeSpan.FromMilliseconds(7),

            // A checkpoint in flight when a parallel attempt fails stays counted until it times out (JobRun keeps its
            // start), holding back the next one, and with it the sink's final commit: keep that wait short.
            Timeout = TimeSpan.FromMilliseconds(100),
            AsynchronousSnapshots = false,
            RestartStrategy = RestartStrategy.FixedDelay(30, TimeSpan.FromMilliseconds(2)),
        };
        var wrapped = plan.Wrap(sink);
        if (parallelism == 1)
        {
            var scheduler = new TestScheduler();
            var job = StreamJob.Create(() => Segment(Source(input), plan, keyed).SinkTo(wrapped).Uid("out"), options with { Scheduler = scheduler });
            var output = new Collector<StreamElement<string>>();
            using (job.Subscribe(output))
            {
                scheduler.AdvanceBy(TimeSpan.FromSeconds(10).Ticks);
            }

            Assert.Empty(output.Items.Where(e => e.IsRecord));
            return (output.Completed, output.Error, job.Checkpoints.Restarts);
        }

        var pumped = new PumpedTestScheduler();
        var parallel = StreamJob.Create(
            () => Source(input)
                .PartitionByKey(i => i % 7, parallelism, new ExchangeOptions { Capacity = 8 })
                .Apply(s => Segment(s, plan, keyed).SinkTo(wrapped).Uid("out"))
                .Merge(),
            options with { Scheduler = pumped });
        var collected = new BlockingCollector<string>();
        using (parallel.Subscribe(collected))
        {
            pumped.RunUntil(() => collected.Ended, TimeSpan.FromMilliseconds(1));
            
            collected.Wait(TimeSpan.Zero);
        }

        Assert.Empty(collected.Items);
        return (collected.Error is null, collected.Error, parallel.Checkpoints.Restarts);
    }

    private static IObservable<StreamElement<int>> Source(int[] input) =>
        ReplayableSource.FromList(input, "numbers", Paced).WithEventTime(i => i, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.Zero));

    private static IObservable<StreamElement<string>> Segment(IObservable<StreamElement<int>> input, SinkCrashPlan plan, bool keyed)
    {
        var checkedInput = input.Select(i =>
        {
            plan.OnRecord();
            return i;
        });
        return keyed
            ? checkedInput.KeyBy(i => i % 7).Sum(i => (long)i + 1).Select(k => $"{k.Key}={k.Value}")
            : checkedInput.Select(i => "r" + i);
    }
}
