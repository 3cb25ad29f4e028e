using System.Reactive.Subjects;
using Microsoft.Reactive.Testing;
using static RxStreams.Tests.Windows.WindowHarness;

namespace RxStreams.Tests.Windows;

public class TriggerTest
{
    private static WindowedStream<string, string> Tumbling10(IObservable<StreamElement<string>> s) =>
        s.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(10)));

    [Fact]
    public void CountTriggerOnEventTimeWindowsFiresEarlyAndDropsTheRestAtCleanup()
    {
        Assert.Equal(
            "a[0,10)=2~early@9 a[0,10)=4~early#1@9 W10 Wmax",
            Run("a@1 a@2 a@3 a@4 a@5 W10", s => Tumbling10(s).Trigger(WindowTrigger.Count(2)).Count()));
    }

    [Fact]
    public void EarlyCountFiringsAccumulate()
    {
        var run = Collect("a@1 a@2 a@3 b@4 W10", s => Tumbling10(s).Trigger(WindowTrigger.EventTime().WithEarlyFirings(2)).Count());
        Assert.Equal("a[0,10)=2~early@9 a[0,10)=3#1@9 b[0,10)=1@9 W10 Wmax", run.Text);
        Assert.Equal([false, true, false], run.Values.Select(r => r.ReplacesPrevious));
        Assert.Equal([WindowFiring.Early, WindowFiring.OnTime, WindowFiring.OnTime], run.Values.Select(r => r.Firing));
        Assert.Equal([0, 1, 0], run.Values.Select(r => r.FiringIndex));
    }

    [Fact]
    public void PurgingEarlyFiringsEmitOnlyTheNewRecords()
    {
        var run = Collect("a:1@1 a:2@2 a:4@3 W10", s => Tumbling10(s).Trigger(WindowTrigger.EventTime().WithEarlyFirings(2).Purging()).Sum(V));
        Assert.Equal("a[0,10)=3~early@9 a[0,10)=4#1@9 W10 Wmax", run.Text);
        Assert.Equal([false, false], run.Values.Select(r => r.ReplacesPrevious));
    }

    [Fact]
    public void PurgedWindowWithoutNewRecordsDoesNotFireEmpty()
    {
        // As in Flink, a firing of a window whose contents were purged (and not refilled) emits nothing.
        Assert.Equal(
            "a[0,10)=2~early@9 W10 Wmax",
            Run("a@1 a@2 W10", s => Tumbling10(s).Trigger(WindowTrigger.EventTime().WithEarlyFirings(2).Purging()).Count()));
        Assert.Equal(
            "a[0,10)=a:1~early@9 W10 Wmax",
            Run("a:1@1 a:2@2 W10", s => Tumbling10(s).Trigger(WindowTrigger.EventTime().WithEarlyFirings(2).Purging()).MinBy(V)));
    }

    [Fact]
    public void EarlyCountFiringsStopOnceTheWatermarkPassedTheEnd()
    {
        Assert.Equal(
            "a[0,10)=1@9 W10 a[0,10)=2~late#1@9 a[0,10)=3~late#2@9 Wmax",
            Run("a@1 W10 a@2 a@3", s => Tumbling10(s).AllowedLateness(Ms(5)).Trigger(WindowTrigger.EventTime().WithEarlyFirings(2)).Count()));
    }

    [Fact]
    public void NeverTriggerEmitsNothing()
    {
        Assert.Equal("W10 Wmax", Run("a@1 a@2 W10", s => Tumbling10(s).Trigger(WindowTrigger.Never()).Count()));
    }

    [Fact]
    public void PurgingIsIdempotent()
    {
        var purging = WindowTrigger.Count(2).Purging();
        Assert.Same(purging, purging.Purging());
    }

    [Fact]
    public void ProcessingTimeEarlyFiringsOnEventTimeWindows()
    {
        var scheduler = new TestScheduler();
        var input = new Subject<StreamElement<string>>();
        var output = new TimedCollector<WindowResult<string, long>>(scheduler);
        using var _ = Tumbling10(input)
            .Trigger(WindowTrigger.EventTime().WithEarlyFirings(Ms(50), scheduler))
            .Count()
            .Subscribe(output);
        scheduler.At(0, input, "a@1");      // arms an early firing at 50
        scheduler.At(30, input, "a@2 b@3"); // b arms one at 80
        scheduler.At(70, input, "a@4");     // re-arms a at 120
        scheduler.At(100, input, "W10");    // on time; the pending early timer at 120 finds the window gone
        scheduler.At(300, input, "a@15");   // [10,20) arms at 350
        scheduler.At(349, input, "");
        input.OnCompleted();
        scheduler.AdvanceTo(Ms(1000).Ticks);
        Assert.Equal(
            "50:a[0,10)=2~early@9 80:b[0,10)=1~early@9 100:a[0,10)=3#1@9 100:b[0,10)=1#1@9 100:W10 349:a[10,20)=1@19 349:Wmax",
            output.Text);
        Assert.True(output.Completed);
    }

    [Fact]
    public void ProcessingTimeEarlyFiringsPurging()
    {
        var scheduler = new TestScheduler();
        var input = new Subject<StreamElement<string>>();
        var output = new TimedCollector<WindowResult<string, int>>(scheduler);
        using var _ = Tumbling10(input)
            .Trigger(WindowTrigger.EventTime().WithEarlyFirings(Ms(10), scheduler).Purging())
            .Sum(V)
            .Subscribe(output);
        scheduler.At(1, input, "a:1@1 a:2@2");
        scheduler.At(15, input, "a:4@3");
        scheduler.At(40, input, "W10");
        Assert.Equal("11:a[0,10)=3~early@9 25:a[0,10)=4~early#1@9 40:W10", output.Text);
    }

    [Fact]
    public void CustomTriggerSeesStateAndTimers()
    {
        // Fires and purges at every record with an even timestamp, and fires what is left when the watermark reaches the end.
        Assert.Equal(
            "a[0,10)=2~early@9 a[0,10)=3~early#1@9 a[0,10)=1#2@9 W10 Wmax",
            Run("a@1 a@2 a@3 a@5 a@4 a@7 W10", s => Tumbling10(s).Trigger(new EvenTrigger()).Count()));
    }

    private sealed class EvenTrigger : WindowTrigger
    {
        public override TriggerResult OnElement(long timestamp, TimeWindow window, ITriggerContext context)
        {
            context.State++;
            context.RegisterEventTimeTimer(window.End);
            return timestamp % 2 == 0 ? TriggerResult.FireAndPurge : TriggerResult.Continue;
        }

        public override TriggerResult OnEventTime(long time, TimeWindow window, ITriggerContext context) =>
            time == window.End && context.State > 0 ? TriggerResult.Fire : TriggerResult.Continue;
    }
}
