using System.Reactive.Subjects;
using Microsoft.Reactive.Testing;
using static RxStreams.Tests.Windows.WindowHarness;

namespace RxStreams.Tests.Windows;

public class ProcessingTimeWindowsTest
{
    private const long B = TestSchedulerEpochMs;

    private static string W(long start, long end) => $"[{B + start},{B + end})";

    private static string Ts(long ms) => (B + ms).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void TestSchedulerClockStartsAtYearOne()
    {
        Assert.Equal(B, new TestScheduler().Now.ToUnixTimeMilliseconds());
    }

    [Fact]
    public void TumblingWindowsFollowTheSchedulerClock()
    {
        var scheduler = new TestScheduler();
        var input = new Subject<StreamElement<string>>();
        var output = new TimedCollector<WindowResult<string, long>>(scheduler);
        var counters = new WindowCounters();
        using var _ = input.KeyBy(K).Window(TumblingProcessingTimeWindows.Of(Ms(10), scheduler)).WithCounters(counters).Count().Subscribe(output);
        scheduler.At(1, input, "a@500");
        scheduler.At(4, input, "b@-3");
        scheduler.At(9, input, "a@0"); // as Flink's ProcessingTimeTrigger, [0,10) fired when the clock reached 9, before this record: it opens [0,10) again, its timer already due
        scheduler.At(10, input, "a@0");
        scheduler.At(25, input, "a@0 W7");
        Assert.Equal(1, counters.LiveWindows);
        scheduler.AdvanceTo(Ms(100).Ticks);
        Assert.Equal(
            $"9:a{W(0, 10)}=1@{Ts(9)} 9:b{W(0, 10)}=1@{Ts(9)} 9:a{W(0, 10)}=1@{Ts(9)} 19:a{W(10, 20)}=1@{Ts(19)} 25:W7 29:a{W(20, 30)}=1@{Ts(29)}",
            output.Text);
        Assert.Equal(0, counters.LiveWindows);
        Assert.Equal(0, counters.LateRecordsDropped);
    }

    [Fact]
    public void OffsetProcessingTimeWindows()
    {
        var scheduler = new TestScheduler();
        var input = new Subject<StreamElement<string>>();
        var output = new TimedCollector<WindowResult<string, long>>(scheduler);
        using var _ = input.KeyBy(K).Window(TumblingProcessingTimeWindows.Of(Ms(10), scheduler, Ms(3))).Count().Subscribe(output);
        scheduler.At(1, input, "a@0");
        scheduler.At(3, input, "a@0");
        scheduler.AdvanceTo(Ms(100).Ticks);
        Assert.Equal($"2:a{W(-7, 3)}=1@{Ts(2)} 12:a{W(3, 13)}=1@{Ts(12)}", output.Text);
    }

    [Fact]
    public void SlidingWindowsFollowTheSchedulerClock()
    {
        var scheduler = new TestScheduler();
        var input = new Subject<StreamElement<string>>();
        var output = new TimedCollector<WindowResult<string, long>>(scheduler);
        using var _ = input.KeyBy(K).Window(SlidingProcessingTimeWindows.Of(Ms(10), Ms(5), scheduler)).Count().Subscribe(output);
        scheduler.At(3, input, "a@0");
        scheduler.At(7, input, "a@0");
        scheduler.AdvanceTo(Ms(100).Ticks);
        Assert.Equal(
            $"4:a{W(-5, 5)}=1@{Ts(4)} 9:a{W(0, 10)}=2@{Ts(9)} 14:a{W(5, 15)}=1@{Ts(14)}",
            output.Text);
    }

    [Fact]
    public void ProcessingTimeSessionsMergeAndFireAfterTheGap()
    {
        var scheduler = new TestScheduler();
        var input = new Subject<StreamElement<string>>();
        var output = new TimedCollector<WindowResult<string, long>>(scheduler);
        var counters = new WindowCounters();
        using var _ = input.KeyBy(K).Window(ProcessingTimeSessionWindows.WithGap(Ms(10), scheduler)).WithCounters(counters).Count().Subscribe(output);
        scheduler.At(1, input, "a@0 b@0");
        scheduler.At(5, input, "a@0");
        scheduler.At(30, input, "a@0");
        scheduler.AdvanceTo(Ms(100).Ticks);
        Assert.Equal(
            $"10:b{W(1, 11)}=1@{Ts(10)} 14:a{W(1, 15)}=2@{Ts(14)} 39:a{W(30, 40)}=1@{Ts(39)}",
            output.Text);
        Assert.Equal(0, counters.LiveWindows);
    }

    [Fact]
    public void CompletionFlushesOpenProcessingTimeWindows()
    {
        var scheduler = new TestScheduler();
        var input = new Subject<StreamElement<string>>();
        var output = new TimedCollector<WindowResult<string, long>>(scheduler);
        using var _ = input.KeyBy(K).Window(TumblingProcessingTimeWindows.Of(Ms(10), scheduler)).Count().Subscribe(output);
        scheduler.At(3, input, "a@0 a@1");
        scheduler.At(5, input, string.Empty);
        input.OnCompleted();
        scheduler.AdvanceTo(Ms(100).Ticks);
        Assert.Equal($"5:a{W(0, 10)}=2@{Ts(9)}", output.Text);
        Assert.True(output.Completed);
    }

    [Fact]
    public void ProcessingTimeWindowsIgnoreWatermarksAndLateness()
    {
        var scheduler = new TestScheduler();
        var input = new Subject<StreamElement<string>>();
        var output = new TimedCollector<WindowResult<System.Reactive.Unit, long>>(scheduler);
        var counters = new WindowCounters();
        using var _ = input.WindowAll(TumblingProcessingTimeWindows.Of(Ms(10), scheduler)).AllowedLateness(Ms(100)).WithCounters(counters).Count().Subscribe(output);
        scheduler.At(2, input, "W1000 x@1 y@-5");
        scheduler.AdvanceTo(Ms(100).Ticks);
        Assert.Equal($"2:W1000 9:(){W(0, 10)}=2@{Ts(9)}", output.Text);
        Assert.Equal(0, counters.LateRecordsDropped);
        Assert.Equal(0, counters.LiveWindows);
    }

    [Fact]
    public void CountTriggerOnProcessingTimeWindows()
    {
        var scheduler = new TestScheduler();
        var input = new Subject<StreamElement<string>>();
        var output = new TimedCollector<WindowResult<string, long>>(scheduler);
        using var _ = input.KeyBy(K).Window(TumblingProcessingTimeWindows.Of(Ms(10), scheduler)).Trigger(WindowTrigger.Count(2).Purging()).Count().Subscribe(output);
        scheduler.At(1, input, "a@0 a@0 a@0");
        scheduler.AdvanceTo(Ms(100).Ticks);
        Assert.Equal($"1:a{W(0, 10)}=2@{Ts(9)}", output.Text);
    }
}
