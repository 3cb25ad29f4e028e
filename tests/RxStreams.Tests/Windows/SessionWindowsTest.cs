using System.Reactive.Subjects;
using RxStreams.Testing;
using static RxStreams.Tests.Windows.WindowHarness;

namespace RxStreams.Tests.Windows;

public class SessionWindowsTest
{
    private static readonly Func<IObservable<StreamElement<string>>, IObservable<StreamElement<WindowResult<string, long>>>> Gap5 =
        s => s.KeyBy(K).Window(EventTimeSessionWindows.WithGap(Ms(5))).Count();

    private static EventTimeSessionWindows DynamicGap() => EventTimeSessionWindows.WithDynamicGap<string>(r => Ms(V(r)));

    [Fact]
    public void OverlappingRecordsMergePerKey()
    {
        Assert.Equal(
            "b[2,7)=1@6 a[1,8)=2@7 a[10,15)=1@14 W20 Wmax",
            Run("a@1 a@3 b@2 a@10 W20", Gap5));
    }

    [Fact]
    public void TouchingSessionsMerge()
    {
        Assert.Equal("a[1,11)=2@10 W20 Wmax", Run("a@1 a@6 W20", Gap5));
    }

    [Fact]
    public void SessionsOneMillisecondApartStaySeparate()
    {
        Assert.Equal("a[1,6)=1@5 a[7,12)=1@11 W20 Wmax", Run("a@1 a@7 W20", Gap5));
    }

    [Fact]
    public void BridgingRecordMergesTwoFixedGapSessions()
    {
        var counters = new WindowCounters();
        var input = new Subject<StreamElement<string>>();
        var output = input.KeyBy(K).Window(EventTimeSessionWindows.WithGap(Ms(5))).WithCounters(counters).Sum(V);
        var texts = Steps(output, input, "a:1@0 a:2@10", "W4", "a:4@5", "W15", "|");
        Assert.Equal(["", "W4", "", "a[0,15)=7@14 W15", "Wmax"], texts);
        Assert.Equal(0, counters.LiveWindows);
    }

    [Fact]
    public void BridgingRecordMergesThreeSessionsIntoOne()
    {
        var counters = new WindowCounters();
        var input = new Subject<StreamElement<string>>();
        var output = input.KeyBy(K).Window(DynamicGap()).WithCounters(counters).Count();
        var elements = new List<StreamElement<WindowResult<string, long>>>();
        using var _ = output.Subscribe(elements.Add);
        foreach (var e in StreamDescription.Parse("a:2@0 a:2@4 a:2@8"))
        {
            input.OnNext(e);
        }

        Assert.Equal(3, counters.LiveWindows);
        input.OnNext(StreamElement.Record("a:9", 1));
        Assert.Equal(1, counters.LiveWindows);
        input.OnNext(StreamElement.Watermark<string>(10));
        Assert.Equal(0, counters.LiveWindows);
        Assert.Equal("a[0,10)=4@9 W10", StreamDescription.Format(elements));
        Assert.Equal(1, counters.Firings);
    }

    [Fact]
    public void FreedSessionIsNotRevivedByABridgingRecord()
    {
        // At W3 the session [0,2) has fired and is gone; the bridging record opens a session that is not late and merges the other two.
        Assert.Equal(
            "a[0,2)=1@1 W3 a[1,10)=3@9 W20 Wmax",
            Run("a:2@0 a:2@4 a:2@8 W3 a:9@1 W20", s => s.KeyBy(K).Window(DynamicGap()).Count()));
    }

    [Fact]
    public void DynamicGapPerRecord()
    {
        Assert.Equal(
            "a[0,3)=1@2 a[5,15)=1@14 a[20,21)=1@20 W40 Wmax",
            Run("a:3@0 a:10@5 a:1@20 W40", s => s.KeyBy(K).Window(DynamicGap()).Count()));
    }

    [Fact]
    public void DynamicGapWindowsTouchAndMerge()
    {
        Assert.Equal(
            "a[0,6)=6@5 W10 Wmax",
            Run("a:5@0 a:1@5 W10", s => s.KeyBy(K).Window(DynamicGap()).Sum(V)));
    }

    [Fact]
    public void MergedSumAddsAllSessions()
    {
        Assert.Equal(
            "a[1,13)=7@12 W20 Wmax",
            Run("a:1@1 a:2@8 a:4@4 W20", s => s.KeyBy(K).Window(EventTimeSessionWindows.WithGap(Ms(5))).Sum(V)));
    }

    [Fact]
    public void RecordOfAClosedSessionIsLateButANewSessionIsNot()
    {
        var late = new SideOutput<Record<string>>("late");
        var counters = new WindowCounters();
        // W20: [1,6) fired and freed. a@3 would open [3,8): late. a@16 opens [16,21): not late although 16 < 20.
        Assert.Equal(
            "a[1,6)=1@5 W20 a[16,21)=1@20 Wmax",
            Run("a@1 W20 a@3 a@16", s => s.KeyBy(K).Window(EventTimeSessionWindows.WithGap(Ms(5))).SideOutputLateData(late).WithCounters(counters).Count()));
        Assert.Equal(1, late.Count);
        Assert.Equal(1, counters.LateRecordsDropped);
    }

    [Fact]
    public void WindowAllSessions()
    {
        Assert.Equal(
            "()[1,9)=3@8 ()[20,25)=1@24 Wmax",
            Run("x@1 y@4 z@3 w@20", s => s.WindowAll(EventTimeSessionWindows.WithGap(Ms(5))).Count()));
    }

    [Fact]
    public void IntersectsIncludesTouchingAndCoverSpansBoth()
    {
        Assert.True(new TimeWindow(0, 5).Intersects(new TimeWindow(5, 10)));
        Assert.True(new TimeWindow(5, 10).Intersects(new TimeWindow(0, 5)));
        Assert.True(new TimeWindow(0, 10).Intersects(new TimeWindow(3, 4)));
        Assert.False(new TimeWindow(0, 5).Intersects(new TimeWindow(6, 10)));
        Assert.Equal(new TimeWindow(-3, 10), new TimeWindow(0, 10).Cover(new TimeWindow(-3, 2)));
    }

    [Fact]
    public void EarlyCountFiringsOnSessionsCountAcrossMerges()
    {
        // Trigger state (the early count) is summed when sessions merge: 1 + 1, then the bridging record makes 3.
        Assert.Equal(
            "a[0,15)=3~early@14 a[0,15)=3#1@14 W20 Wmax",
            Run("a@0 a@10 a@5 W20", s => s.KeyBy(K).Window(EventTimeSessionWindows.WithGap(Ms(5))).Trigger(WindowTrigger.EventTime().WithEarlyFirings(3)).Count()));
    }

    [Fact]
    public void SessionsNearTheEndOfTimeEndAtLongMaxValueAndMerge()
    {
        // Gap 10: a@max-15 opens [max-15, max-5), a@max-8 opens [max-8, max) (clamped, not wrapped): they merge, and
        // neither is late at W(max-20).
        var max = long.MaxValue;
        var late = new SideOutput<Record<string>>("late");
        Assert.Equal(
            $"W{max - 20} a[{max - 15},{max})=2@{max - 1} Wmax",
            Run($"W{max - 20} a@{max - 15} a@{max - 8}", s => s.KeyBy(K).Window(EventTimeSessionWindows.WithGap(Ms(10))).SideOutputLateData(late).Count()));
        Assert.Equal(0, late.Count);
    }

    [Fact]
    public void DynamicGapSessionsNearTheEndOfTimeEndAtLongMaxValueAndMerge()
    {
        var max = long.MaxValue;
        Assert.Equal(
            $"W{max - 20} a[{max - 15},{max})=20@{max - 1} Wmax",
            Run($"W{max - 20} a:10@{max - 15} a:10@{max - 8}", s => s.KeyBy(K).Window(DynamicGap()).Sum(V)));
    }

    [Fact]
    public void SessionsWithAllowedLatenessNearTheEndOfTimeStayOpenUntilWmax()
    {
        // The cleanup time end + lateness saturates at long.MaxValue: the late record at max-12 still joins the fired session.
        var max = long.MaxValue;
        Assert.Equal(
            $"a[{max - 15},{max - 5})=1@{max - 6} W{max - 5} a[{max - 15},{max - 2})=2~late#1@{max - 3} Wmax",
            Run($"a@{max - 15} W{max - 5} a@{max - 12}", s => s.KeyBy(K).Window(EventTimeSessionWindows.WithGap(Ms(10))).AllowedLateness(Ms(100)).Count()));
    }

    [Fact]
    public void SessionsNearTheStartOfTimeMerge()
    {
        var min = long.MinValue;
        Assert.Equal(
            $"a[{min},{min + 10})=2@{min + 9} W0 Wmax",
            Run($"a@{min} a@{min + 5} W0", s => s.KeyBy(K).Window(EventTimeSessionWindows.WithGap(Ms(5))).Count()));
    }
}
