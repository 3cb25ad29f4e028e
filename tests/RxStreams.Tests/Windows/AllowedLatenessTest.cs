using System.Reactive.Subjects;
using static RxStreams.Tests.Windows.WindowHarness;

namespace RxStreams.Tests.Windows;

public class AllowedLatenessTest
{
    [Fact]
    public void LateRecordsWithinTheLatenessFireLateUpdatesUntilEndPlusLateness()
    {
        var counters = new WindowCounters();
        var late = new SideOutput<Record<string>>("late");
        var dropped = new List<Record<string>>();
        using var _ = late.Subscribe(dropped.Add);
        var input = new Subject<StreamElement<string>>();
        var output = input.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(5))).AllowedLateness(Ms(3))
            .SideOutputLateData(late).WithCounters(counters).Count();
        var results = new List<WindowResult<string, long>>();
        var texts = Steps(output, input, results, "a@1", "W5", "a@2 a@3", "W7", "a@4", "W8", "a@0", "W20", "|");
        Assert.Equal(
            ["", "a[0,5)=1@4 W5", "a[0,5)=2~late#1@4 a[0,5)=3~late#2@4", "W7", "a[0,5)=4~late#3@4", "W8", "", "W20", "Wmax"],
            texts);
        Assert.Equal([false, true, true, true], results.Select(r => r.ReplacesPrevious));
        Assert.Equal([WindowFiring.OnTime, WindowFiring.Late, WindowFiring.Late, WindowFiring.Late], results.Select(r => r.Firing));
        Assert.Equal(["a@0"], dropped.Select(r => r.ToString()));
        Assert.Equal(1, counters.LateRecordsDropped);
        Assert.Equal(0, counters.LiveWindows);
    }

    [Fact]
    public void WindowStateLivesUntilTheWatermarkReachesEndPlusLateness()
    {
        var counters = new WindowCounters();
        var input = new Subject<StreamElement<string>>();
        var output = input.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(5))).AllowedLateness(Ms(3)).WithCounters(counters).Count();
        var live = new List<long>();
        using var _ = output.Subscribe(_ => live.Add(counters.LiveWindows));
        foreach (var e in RxStreams.Testing.StreamDescription.Parse("a@1 b@2 a@6 W5 W7 W8 W10 W12 W13"))
        {
            input.OnNext(e);
        }

        // Sampled at each output element: a[0,5) b[0,5) W5 | W7 | W8 (both [0,5) freed) | a[5,10) W10 | W12 | W13 (freed).
        Assert.Equal([3L, 3, 3, 3, 1, 1, 1, 1, 0], live);
    }

    [Fact]
    public void TooLateRecordsGoToTheSideOutputWithExactCounts()
    {
        var counters = new WindowCounters();
        var late = new SideOutput<Record<string>>("late");
        var dropped = new List<Record<string>>();
        using var _ = late.Subscribe(dropped.Add);
        Assert.Equal(
            "a[0,5)=1@4 b[0,5)=1@4 W10 a[10,15)=1@14 W20 Wmax",
            Run("a@1 b@2 W10 a@3 b@4 c@9 a@12 W20 a@19 c@-100", s => s.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(5)))
                .SideOutputLateData(late).WithCounters(counters).Count()));
        Assert.Equal("a@3 b@4 c@9 a@19 c@-100", string.Join(" ", dropped));
        Assert.Equal(5, counters.LateRecordsDropped);
        Assert.Equal(5, late.Count);
    }

    [Fact]
    public void LateRecordsAreCountedWithoutASideOutput()
    {
        var counters = new WindowCounters();
        Assert.Equal(
            "a[0,5)=1@4 W5 Wmax",
            Run("a@1 W5 a@2 a@4", s => s.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(5))).WithCounters(counters).Count()));
        Assert.Equal(2, counters.LateRecordsDropped);
    }

    [Fact]
    public void LateRecordOpeningAWindowWithinTheLatenessFiresAtOnce()
    {
        var run = Collect("a@12 W15 a@7 a@3", s => s.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(5))).AllowedLateness(Ms(10)).Count());
        // [5,10) is created at W15 < 10 + 10: it fires immediately as its first (on-time) result; [0,5) ended at 5 + 10 <= 15: dropped.
        Assert.Equal("a[10,15)=1@14 W15 a[5,10)=1@9 Wmax", run.Text);
        Assert.Equal([WindowFiring.OnTime, WindowFiring.OnTime], run.Values.Select(r => r.Firing));
    }

    [Fact]
    public void SlidingRecordIsOnlyAddedToItsWindowsThatAreNotLate()
    {
        var counters = new WindowCounters();
        Assert.Equal(
            "a[0,10)=1@9 W10 a[0,10)=2~late#1@9 W12 a[5,15)=3@14 Wmax",
            Run("a@7 W10 a@8 W12 a@9", s => s.KeyBy(K).Window(SlidingEventTimeWindows.Of(Ms(10), Ms(5))).AllowedLateness(Ms(2))
                .WithCounters(counters).Count()));
        Assert.Equal(0, counters.LateRecordsDropped);
    }

    [Fact]
    public void SessionLateUpdateWithinTheLateness()
    {
        Assert.Equal(
            "a[1,6)=1@5 W6 a[1,6)=2~late#1@5 W10 Wmax",
            Run("a@1 W6 a@1 W10 a@1", s => s.KeyBy(K).Window(EventTimeSessionWindows.WithGap(Ms(5))).AllowedLateness(Ms(4)).Count()));
    }
}
