using static RxStreams.Tests.Windows.WindowHarness;

namespace RxStreams.Tests.Windows;

public class GlobalAndCountWindowsTest
{
    private const string MaxTs = "9223372036854775807";

    [Fact]
    public void TumblingCountWindowsPurgeAndDropTheIncompleteRest()
    {
        var counters = new WindowCounters();
        var run = Collect("a:1@1 b:1@2 a:2@3 a:3@4 b:1@5 a:4@6 a:5@7 a:6@8 a:7@9 W10", s => s
            .KeyBy(K).CountWindow(3).WithCounters(counters).Sum(V));
        Assert.Equal($"a[global)=6@{MaxTs} a[global)=15#1@{MaxTs} W10 Wmax", run.Text);
        Assert.All(run.Values, r => Assert.False(r.ReplacesPrevious));
        Assert.All(run.Values, r => Assert.Equal(WindowFiring.OnTime, r.Firing));
        Assert.Equal(0, counters.LiveWindows);
    }

    [Fact]
    public void SlidingCountWindowsEverySlideOverTheLastSize()
    {
        var run = Collect("a:1@1 a:2@2 a:3@3 a:4@4 a:5@5 a:6@6 b:100@7", s => s.KeyBy(K).CountWindow(4, 2).Sum(V));
        Assert.Equal($"a[global)=3@{MaxTs} a[global)=10#1@{MaxTs} a[global)=18#2@{MaxTs} Wmax", run.Text);
        Assert.Equal([false, true, true], run.Values.Select(r => r.ReplacesPrevious));
    }

    [Fact]
    public void SlidingCountWindowOfSlideOneEmitsPerRecord()
    {
        Assert.Equal(
            $"a[global)=1@{MaxTs} a[global)=3#1@{MaxTs} a[global)=6#2@{MaxTs} a[global)=9#3@{MaxTs} a[global)=12#4@{MaxTs} Wmax",
            Run("a:1@1 a:2@2 a:3@3 a:4@4 a:5@5", s => s.KeyBy(K).CountWindow(3, 1).Sum(V)));
    }

    [Fact]
    public void CountWindowAll()
    {
        Assert.Equal(
            $"()[global)=2@{MaxTs} ()[global)=2#1@{MaxTs} Wmax",
            Run("x@1 y@2 z@3 w@4 v@5", s => s.CountWindowAll(2).Count()));
    }

    [Fact]
    public void CountWindowIgnoresTimestampsAndWatermarks()
    {
        // Records behind the watermark are never late for the global window.
        var counters = new WindowCounters();
        Assert.Equal(
            $"W100 a[global)=2@{MaxTs} Wmax",
            Run("W100 a@1 a@-50", s => s.KeyBy(K).CountWindow(2).WithCounters(counters).Count()));
        Assert.Equal(0, counters.LateRecordsDropped);
    }

    [Fact]
    public void GlobalWindowsNeverFireByDefault()
    {
        var counters = new WindowCounters();
        Assert.Equal("W5 Wmax", Run("a@1 b@2 W5", s => s.KeyBy(K).Window(GlobalWindows.Create()).WithCounters(counters).Count()));
        Assert.Equal(0, counters.LiveWindows);
        Assert.Equal(0, counters.Firings);
    }

    [Fact]
    public void GlobalWindowWithEventTimeTriggerFiresAtTheEndOfTime()
    {
        var run = Collect("a@1 a@2 W1000", s => s.KeyBy(K).Window(GlobalWindows.Create()).Trigger(WindowTrigger.EventTime()).Count());
        Assert.Equal($"W1000 a[global)=2@{MaxTs} Wmax", run.Text);
        Assert.Equal(WindowFiring.OnTime, run.Values.Single().Firing);
    }

    [Fact]
    public void GlobalWindowWithCountTriggerAccumulates()
    {
        Assert.Equal(
            $"a[global)=2@{MaxTs} a[global)=4#1@{MaxTs} Wmax",
            Run("a@1 a@2 a@3 a@4 a@5", s => s.KeyBy(K).Window(GlobalWindows.Create()).Trigger(WindowTrigger.Count(2)).Count()));
    }
}
