using System.Reactive.Subjects;
using Microsoft.Reactive.Testing;

namespace RxStreams.Tests.Checkpoints.Jobs;

public class UnreplayableSourceTest
{
    [Fact]
    public void ASubjectFeedsAJobItsStateIsRestoredAndRecordsDuringTheOutageAreLost()
    {
        var scheduler = new TestScheduler();
        var live = new Subject<string>();
        var crashed = false;
        var job = StreamJob.Create(
            () => ReplayableSource.Unreplayable(live, "live")
                .WithEventTime(_ => 0L, WatermarkStrategy.NoWatermarks())
                .Where(v =>
                {
                    if (v == "boom" && !crashed)
                    {
                        crashed = true;
                        throw new InvalidOperationException("boom");
                    }

                    return v != "boom";
                })
                .KeyBy(v => v)
                .Count(),
            new CheckpointOptions
            {
                Scheduler = scheduler,
                Interval = TimeSpan.FromMilliseconds(10),
                AsynchronousSnapshots = false,
                RestartStrategy = RestartStrategy.FixedDelay(1, TimeSpan.FromMilliseconds(5)),
            });
        var output = new Collector<StreamElement<Keyed<string, long>>>();
        using var _ = job.Subscribe(output);

        scheduler.AdvanceBy(1);
        Push(live, "a b a");
        scheduler.AdvanceBy(TimeSpan.FromMilliseconds(10).Ticks); // checkpoint 1: a=2, b=1
        Push(live, "b boom");                                       // b=2 is not in any checkpoint; then the crash
        Assert.False(live.HasObservers);
        Push(live, "a");                                            // nobody listens: lost
        scheduler.AdvanceBy(TimeSpan.FromMilliseconds(5).Ticks + 1); // the restart (5 ms after the failure was handled) subscribes again
        Assert.True(live.HasObservers);
        Push(live, "a b");

        Assert.Equal("a=1@0 b=1@0 a=2@0 b=2@0 a=3@0 b=2@0", string.Join(" ", output.Items.Where(e => e.IsRecord)));
        Assert.Equal(1, job.Checkpoints.Restarts);
        Assert.Equal(1, job.Checkpoints.RestoredFromId);
        Assert.Equal(["live"], job.Checkpoints.UnreplayableSources);
    }

    private static void Push(Subject<string> subject, string values)
    {
        foreach (var value in values.Split(' '))
        {
            subject.OnNext(value);
        }
    }
}
