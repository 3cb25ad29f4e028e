using System.Reactive.Subjects;
using Microsoft.Reactive.Testing;
using static RxStreams.Tests.Windows.WindowHarness;

namespace RxStreams.Tests.Windows;

/// <summary>The continuous and end-of-stream triggers, and custom triggers that delete timers, clear and merge their state.</summary>
public class ContinuousAndCustomTriggersTest
{
    private const string Max = "9223372036854775807";

    /// <summary>
    /// Flink's <c>WindowOperatorTest.testContinuousWatermarkTrigger</c>: global windows under a continuous event-time
    /// trigger of 3 s. key1's first record (at 0) arms the boundary 3000, key2's (at 3000) the boundary 6000; Flink's
    /// watermarks 1000 … 8000 are 1001 … 8001 here.
    /// </summary>
    [Fact]
    public void ContinuousEventTimeTriggerPortedFromFlink()
    {
        var run = Collect(
            "key1:1@0 key2:1@3000 key2:1@3999 key1:1@20 key1:1@999 key2:1@1998 key2:1@1999 key2:1@1000 W1001 W2001 W3001 W4001 W5001 W6001 W7001 W8001",
            s => s.KeyBy(K).Window(GlobalWindows.Create()).Trigger(WindowTrigger.ContinuousEventTime(Ms(3000))).Sum(V),
            complete: false);
        Assert.Equal(
            $"W1001 W2001 key1[global)=3@{Max} W3001 W4001 W5001 key2[global)=5@{Max} key1[global)=3#1@{Max} W6001 W7001 W8001",
            run.Text);
    }

    [Fact]
    public void ContinuousEventTimeTriggerFiresEachBoundaryAndTheEndOfATimeWindow()
    {
        // [0,10), boundaries every 3 ms from the first record: Flink fires 3 and 6 when its watermark reaches them (4 and
        // 7 here), and the boundary 9 is the window's last timestamp, its on-time firing at 10. The late record fires at
        // once; the window is freed at 15, deleting the pending boundary.
        var counters = new WindowCounters();
        var run = Collect(
            "a@1 W4 a@5 W7 W10 a@2 W15 W40",
            s => s.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(10))).AllowedLateness(Ms(5))
                .Trigger(WindowTrigger.ContinuousEventTime(Ms(3))).WithCounters(counters).Count());
        Assert.Equal("a[0,10)=1~early@9 W4 a[0,10)=2~early#1@9 W7 a[0,10)=2#2@9 W10 a[0,10)=3~late#3@9 W15 W40 Wmax", run.Text);
        Assert.Equal(0, counters.LiveWindows);
    }

    [Fact]
    public void ContinuousEventTimeSessionsMergeTheirPendingBoundaryToTheEarliest()
    {
        // a@1 arms Flink's boundary 5 (6 here), a@20 the boundary 25; a@10 bridges both sessions into [1,30), which keeps 6
        // (a sum of the two states would arm neither).
        var run = Collect(
            "a@1 a@20 a@10 W6 W10",
            s => s.KeyBy(K).Window(EventTimeSessionWindows.WithGap(Ms(10))).Trigger(WindowTrigger.ContinuousEventTime(Ms(5))).Count(),
            complete: false);
        Assert.Equal("a[1,30)=3~early@29 W6 W10", run.Text);
    }

    [Fact]
    public void ContinuousEventTimeTriggerFiresEachPendingBoundaryOnceAtTheEndOfInput()
    {
        Assert.Equal(
            $"W5 a[global)=1@{Max} a[global)=1#1@{Max} Wmax",
            Run("a@1 W5", s => s.KeyBy(K).Window(GlobalWindows.Create()).Trigger(WindowTrigger.ContinuousEventTime(Ms(100))).Count()));
    }

    [Fact]
    public void ContinuousProcessingTimeTriggerFiresEveryIntervalUpToTheWindowsLastTimestamp()
    {
        // The test clock's epoch offset is a multiple of 3 and 10 ms, so boundaries and windows align as at 0.
        var scheduler = new TestScheduler();
        var input = new Subject<StreamElement<string>>();
        var output = new TimedCollector<WindowResult<string, long>>(scheduler);
        var counters = new WindowCounters();
        using var _ = input.KeyBy(K).Window(TumblingProcessingTimeWindows.Of(Ms(10), scheduler))
            .Trigger(WindowTrigger.ContinuousProcessingTime(Ms(3))).WithCounters(counters).Count().Subscribe(output);
        scheduler.At(1, input, "a@0");
        scheduler.At(5, input, "a@0");
        scheduler.AdvanceTo(Ms(30).Ticks);
        var w = $"[{TestSchedulerEpochMs},{TestSchedulerEpochMs + 10})";
        var ts = TestSchedulerEpochMs + 9;
        Assert.Equal($"3:a{w}=1@{ts} 6:a{w}=2#1@{ts} 9:a{w}=2#2@{ts}", output.Text);
        Assert.Equal(0, counters.LiveWindows);
    }

    [Fact]
    public void EndOfStreamTriggerFiresOnceWhenTheInputEnds()
    {
        Assert.Equal(
            $"W100 a[global)=2@{Max} b[global)=1@{Max} Wmax",
            Run("a@1 b@2 a@3 W100", s => s.KeyBy(K).Window(GlobalWindows.CreateWithEndOfStreamTrigger()).Count()));
        Assert.Equal(
            $"W100 a[global)=2@{Max} Wmax",
            Run("a@1 a@3 W100", s => s.KeyBy(K).Window(GlobalWindows.Create()).Trigger(WindowTrigger.EndOfStream()).Count()));
    }

    /// <summary>Fires 5 ms after a window's last record: each record deletes the timer of the one before it.</summary>
    internal sealed class QuietFor5 : WindowTrigger
    {
        public override TriggerResult OnElement(long timestamp, TimeWindow window, ITriggerContext context)
        {
            if (context.State != 0)
            {
                context.DeleteEventTimeTimer(context.State);
            }

            context.State = timestamp + 5;
            context.RegisterEventTimeTimer(context.State);
            return TriggerResult.Continue;
        }

        public override TriggerResult OnEventTime(long time, TimeWindow window, ITriggerContext context)
        {
            if (time != context.State)
            {
                return TriggerResult.Continue;
            }

            context.State = 0;
            return TriggerResult.FireAndPurge;
        }

        public override void Clear(TimeWindow window, ITriggerContext context)
        {
            if (context.State != 0)
            {
                context.DeleteEventTimeTimer(context.State);
                context.State = 0;
            }
        }
    }

    [Fact]
    public void ACustomTriggerDeletesItsTimers()
    {
        // Timers at 6 and 8 are deleted by the next records; only 9 fires. Then b@50 arms 55, deleted by Clear when
        // [0,100) is freed at the end of input, before it could fire.
        var run = Collect(
            "a@1 a@3 a@4 W20 a@30 W40",
            s => s.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(100))).Trigger(new QuietFor5()).Count(),
            complete: false);
        Assert.Equal("a[0,100)=3~early@99 W20 a[0,100)=1~early#1@99 W40", run.Text);
    }

    [Fact]
    public void TheCleanupTimerCannotBeDeleted()
    {
        var counters = new WindowCounters();
        var run = Collect(
            "a@1 W20",
            s => s.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(10))).Trigger(new DeletesTheEnd()).WithCounters(counters).Count());
        Assert.Equal("W20 Wmax", run.Text);
        Assert.Equal(0, counters.LiveWindows);
    }

    private sealed class DeletesTheEnd : WindowTrigger
    {
        public override TriggerResult OnElement(long timestamp, TimeWindow window, ITriggerContext context)
        {
            context.DeleteEventTimeTimer(window.End);
            return TriggerResult.Continue;
        }
    }
}
